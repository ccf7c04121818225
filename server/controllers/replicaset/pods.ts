// Pod predicates the workload controllers share: the shared pod-state ones, plus the times and
// counts the deletion ranking reads.
import type { PodObject } from "./types.ts";

export { isPodActive, isPodAvailable, isPodReady } from "../../../shared/controller/pod-state.ts";

const parseTime = (t: string | undefined) => (t ? Date.parse(t) : NaN);

/** When the pod last became ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(p: PodObject): number | undefined {
  const c = p.status?.conditions?.find((c) => c.type === "Ready");
  if (c?.status !== "True") return undefined;
  const t = parseTime(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

export function maxContainerRestarts(p: PodObject): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

export function creationTime(o: { metadata: { creationTimestamp?: string } }): number | undefined {
  const t = parseTime(o.metadata.creationTimestamp);
  return Number.isNaN(t) ? undefined : t;
}
