// Kubeconfig files in the shape kubectl reads, with cluster, user and context all named
// "default" as k3s writes them.

import { parse, stringify } from "yaml";
import { chmod, readFile, stat } from "node:fs/promises";
import { readTextIfExists, writeFileAtomic } from "./files.ts";

export interface KubeconfigCluster {
  server: string;
  "certificate-authority-data"?: string;
}

export interface KubeconfigUser {
  "client-certificate-data"?: string;
  "client-key-data"?: string;
  token?: string;
}

export interface Kubeconfig {
  apiVersion: "v1";
  kind: "Config";
  clusters: { name: string; cluster: KubeconfigCluster }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  "current-context": string;
  preferences: Record<string, never>;
  users: { name: string; user: KubeconfigUser }[];
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const unb64 = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, "base64").toString("utf8"));

export interface AdminKubeconfigOptions {
  /** e.g. `https://127.0.0.1:6443` */
  readonly server: string;
  readonly caPem: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly token?: string;
  readonly name?: string;
}

export function buildKubeconfig(o: AdminKubeconfigOptions): Kubeconfig {
  const name = o.name ?? "default";
  const user: KubeconfigUser = {};
  if (o.certPem !== undefined) user["client-certificate-data"] = b64(o.certPem);
  if (o.keyPem !== undefined) user["client-key-data"] = b64(o.keyPem);
  if (o.token !== undefined) user.token = o.token;
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { "certificate-authority-data": b64(o.caPem), server: o.server } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    preferences: {},
    users: [{ name, user }],
  };
}

export function kubeconfigToYaml(kc: Kubeconfig): string {
  return stringify(kc, { lineWidth: 0 });
}

export function parseKubeconfig(text: string): Kubeconfig {
  const kc = parse(text) as Kubeconfig | null;
  if (!kc || kc.kind !== "Config") throw new Error("not a kubeconfig (kind: Config missing)");
  return kc;
}

export async function writeKubeconfig(path: string, kc: Kubeconfig, mode = 0o600): Promise<void> {
  await writeFileAtomic(path, kubeconfigToYaml(kc), { mode, dirMode: 0o755 });
}

/**
 * Writes the kubeconfig unless the file already holds exactly this content, so restarts
 * leave it untouched; the mode is corrected either way.
 */
export async function writeKubeconfigIfChanged(path: string, kc: Kubeconfig, mode = 0o600): Promise<void> {
  const text = kubeconfigToYaml(kc);
  if ((await readTextIfExists(path)) !== text) {
    await writeFileAtomic(path, text, { mode, dirMode: 0o755 });
  } else if (((await stat(path)).mode & 0o7777) !== mode) {
    await chmod(path, mode);
  }
}

export async function readKubeconfig(path: string): Promise<Kubeconfig> {
  return parseKubeconfig(await readFile(path, "utf8"));
}

/** What the current context points at, with certificate data decoded back to PEM. */
export function currentCredentials(kc: Kubeconfig): AdminKubeconfigOptions {
  const ctx = kc.contexts.find((c) => c.name === kc["current-context"])?.context;
  if (!ctx) throw new Error(`kubeconfig current-context "${kc["current-context"]}" is not among its contexts`);
  const cluster = kc.clusters.find((c) => c.name === ctx.cluster)?.cluster;
  const user = kc.users.find((u) => u.name === ctx.user)?.user;
  if (!cluster) throw new Error(`kubeconfig cluster "${ctx.cluster}" not found`);
  return {
    server: cluster.server,
    caPem: unb64(cluster["certificate-authority-data"]) ?? "",
    certPem: unb64(user?.["client-certificate-data"]),
    keyPem: unb64(user?.["client-key-data"]),
    token: user?.token,
  };
}
