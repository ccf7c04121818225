// The pod a log, exec, attach or port-forward request is for: found, its container chosen the
// way upstream's registry does (with its messages), and the node it runs on.

import type { Pod } from "kubernetes-types/core/v1";
import { errors } from "../../shared/api/errors.ts";
import type { PodRef } from "../../shared/streams/tunnel/types.ts";
import type { RequestInfo } from "../api/context.ts";

const PODS = { group: "", resource: "pods" };

export async function loadPod(info: RequestInfo, namespace: string, name: string): Promise<Pod> {
  const rt = info.ctx.registry.lookup("", "v1", "pods");
  const found = rt && (await info.ctx.store.get(rt, namespace, name));
  if (!found) throw errors.notFound(PODS, name);
  return found.obj as Pod;
}

export function podRef(pod: Pod): PodRef {
  return { namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "", uid: pod.metadata?.uid ?? "" };
}

/** The named container (app, init or ephemeral), or the only one when none is named. */
export function chooseContainer(pod: Pod, requested: string | null, style: "log" | "stream"): string {
  const name = pod.metadata?.name ?? "";
  const spec = pod.spec;
  const main = (spec?.containers ?? []).map((c) => c.name);
  const init = (spec?.initContainers ?? []).map((c) => c.name);
  const ephemeral = (spec?.ephemeralContainers ?? []).map((c) => c.name);
  if (requested) {
    if (![...main, ...init, ...ephemeral].includes(requested)) throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (main.length === 1) return main[0]!;
  if (main.length === 0) throw errors.badRequest(`a container name must be specified for pod ${name}`);
  if (style === "log") throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${[...init, ...main, ...ephemeral].join(" ")}]`);
  const initPart = init.length ? ` or one of the init containers: [${init.join(" ")}]` : "";
  throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${main.join(" ")}]${initPart}`);
}

/** The pod's node, for exec, attach and port-forward (a log of an unscheduled pod is empty instead). */
export function requireNode(pod: Pod): string {
  const node = pod.spec?.nodeName;
  if (!node) throw errors.badRequest(`pod ${pod.metadata?.name} does not have a host assigned`);
  return node;
}
