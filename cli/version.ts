// `kubun version` and `kubun --version`.

import { KUBE_VERSION, KUBUN_VERSION } from "../shared/version.ts";

export function versionText(): string {
  return `kubun version ${KUBUN_VERSION} (kubernetes ${KUBE_VERSION.gitVersion})\nbun version ${Bun.version}\n`;
}
