// What workload controllers ask about pods and their owners: ready, available, active,
// terminating (upstream's podutil and controller helpers), the controller reference and the order
// in which surplus active pods are removed (upstream's ActivePods sort).
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../api/object.ts";

const readyCondition = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === "Ready");

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/**
 * Ready for longer than minReadySeconds at `now` (ms): upstream's IsPodAvailable, where a pod
 * becomes available strictly after readiness + minReadySeconds.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return Number.isFinite(since) && since + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available (ms), for requeueing; undefined when unknown or not ready. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== "True" || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 + 1;
}

export const isPodTerminal = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/** Neither finished nor being deleted (upstream's FilterActivePods). */
export const isPodActive = (pod: Pod) => !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;

/** Being deleted but not finished yet (upstream's CountTerminatingPods). */
export const isPodTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp && !isPodTerminal(pod);

export function controllerOf(obj: { metadata?: { ownerReferences?: readonly OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** The cache key ("namespace/name") of the object's controller when that controller is a `kind`. */
export function controllerKey(obj: StoredObject, kind: string): string | undefined {
  const ref = controllerOf(obj);
  return ref?.kind === kind ? `${obj.metadata.namespace}/${ref.name}` : undefined;
}

export function isControlledBy(obj: { metadata?: { ownerReferences?: readonly OwnerReference[] } }, owner: StoredObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

/** The ownerReference a controller puts on what it creates (controller, blockOwnerDeletion). */
export function controllerRef(owner: StoredObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const restarts = (pod: Pod) => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
const time = (s: string | undefined) => (s ? Date.parse(s) : 0);

/**
 * Sort order for removing active pods, most removable first: unassigned before assigned, pending
 * before unknown before running, not ready before ready, ready for less time first, more restarts
 * first, newer first.
 */
export function removalOrder(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const pa = phaseRank[a.status?.phase ?? "Pending"] ?? 0;
  const pb = phaseRank[b.status?.phase ?? "Pending"] ?? 0;
  if (pa !== pb) return pa - pb;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
  if (isPodReady(a)) {
    const ra = time(readyCondition(a)?.lastTransitionTime);
    const rb = time(readyCondition(b)?.lastTransitionTime);
    if (ra !== rb) return rb - ra;
  }
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return time(b.metadata?.creationTimestamp) - time(a.metadata?.creationTimestamp);
}

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
