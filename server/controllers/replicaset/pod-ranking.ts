// Which pods a ReplicaSet deletes first when it has too many: upstream's ActivePodsWithRanks
// order (with LogarithmicScaleDown and PodDeletionCost, both on by default in 1.33).
//  1. unassigned < assigned         2. Pending < Unknown < Running   3. not ready < ready
//  4. lower pod-deletion-cost       5. more related pods on the same node first
//  6. ready more recently first (log2 buckets of age)   7. more container restarts first
//  8. created more recently first (log2 buckets of age); equal buckets order by uid.
import { creationTime, isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from "./pods.ts";
import type { PodObject } from "./types.ts";

export const DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: PodObject): number {
  const v = p.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/** -1 when t1 is in a younger log2 age bucket than t2 (upstream's logarithmicRankDiff). */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => (now - t > 0 ? Math.floor(Math.log2((now - t) * 1e6)) : -1); // Go durations are ns
  return rank(t1) - rank(t2);
}

/** "a after b, or a unknown" (upstream's afterOrZero), refined by log buckets when both are known. */
function newerFirst(a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  const diff = logRankDiff(a, b, now);
  if (diff === 0) return uidA < uidB;
  return diff < 0;
}

interface Ranked {
  pod: PodObject;
  rank: number;
}

/** True when `a` should be deleted before `b`. */
function before(a: Ranked, b: Ranked, now: number): boolean {
  const [pa, pb] = [a.pod, b.pod];
  const [na, nb] = [pa.spec?.nodeName ?? "", pb.spec?.nodeName ?? ""];
  if (na !== nb && (!na || !nb)) return !na;
  const [oa, ob] = [PHASE_ORDER[pa.status?.phase ?? ""] ?? 0, PHASE_ORDER[pb.status?.phase ?? ""] ?? 0];
  if (oa !== ob) return oa < ob;
  const [ra, rb] = [isPodReady(pa), isPodReady(pb)];
  if (ra !== rb) return !ra;
  const [ca, cb] = [deletionCost(pa), deletionCost(pb)];
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const [ta, tb] = [podReadyTime(pa), podReadyTime(pb)];
    if (ta !== tb) return newerFirst(ta, tb, now, pa.metadata.uid, pb.metadata.uid);
  }
  const [xa, xb] = [maxContainerRestarts(pa), maxContainerRestarts(pb)];
  if (xa !== xb) return xa > xb;
  const [ka, kb] = [creationTime(pa), creationTime(pb)];
  if (ka !== kb) return newerFirst(ka, kb, now, pa.metadata.uid, pb.metadata.uid);
  return false;
}

/**
 * The `count` pods to delete: ranked by how many active related pods (those of every ReplicaSet
 * with the same controller) share their node, then by the order above.
 */
export function podsToDelete(pods: PodObject[], related: PodObject[], count: number, now: number): PodObject[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? "", (onNode.get(p.spec?.nodeName ?? "") ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? "") ?? 0 }));
  ranked.sort((a, b) => (before(a, b, now) ? -1 : before(b, a, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
