// The scheduler's two writes to a pod: the binding (POST pods/<name>/binding, a core/v1 Binding
// naming the pod's uid and the target Node) and, when it fits nowhere, the condition
// PodScheduled=False reason Unschedulable (a strategic merge patch of pods/<name>/status),
// written only when it would change something.
import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../shared/api/object.ts";
import { isConflict, type ApiResource, type Client } from "../../shared/client/index.ts";

export const podsResource: ApiResource = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
export const nodesResource: ApiResource = { group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false };
export const namespacesResource: ApiResource = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };

export const FIELD_MANAGER = "kube-scheduler";

export async function bindPod(client: Client, pod: Pod, nodeName: string) {
  const binding: KubeObject = {
    apiVersion: "v1",
    kind: "Binding",
    metadata: { name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, uid: pod.metadata!.uid! },
    target: { apiVersion: "v1", kind: "Node", name: nodeName },
  };
  await client.create(podsResource, binding, { subresource: "binding", namespace: pod.metadata!.namespace!, fieldManager: FIELD_MANAGER });
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The PodScheduled=False condition to write, or undefined when the pod already carries it. */
export function unschedulableCondition(pod: Pod, message: string, nowMs: number): PodCondition | undefined {
  const cur = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (cur?.status === "False" && cur.reason === "Unschedulable" && cur.message === message) return undefined;
  return {
    type: "PodScheduled",
    status: "False",
    reason: "Unschedulable",
    message,
    lastProbeTime: null as unknown as undefined,
    lastTransitionTime: cur?.status === "False" && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(nowMs),
  };
}

export async function markUnschedulable(client: Client, pod: Pod, message: string, nowMs: number) {
  const condition = unschedulableCondition(pod, message, nowMs);
  if (!condition) return;
  const patch = { metadata: { uid: pod.metadata?.uid }, status: { conditions: [condition] } };
  // The patch carries no resourceVersion; a Conflict only means another write raced with it.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.patch(podsResource, pod.metadata!.name!, patch, { type: "strategic", namespace: pod.metadata!.namespace!, subresource: "status", fieldManager: FIELD_MANAGER });
      return;
    } catch (e) {
      if (!isConflict(e) || attempt >= 3) throw e;
    }
  }
}
