// The StatefulSet update loop (upstream's updateStatefulSet). OrderedReady ("monotonic"): create
// the lowest missing ordinal only when every lower one is Running and Ready (and available),
// one at a time; scale down from the highest ordinal, one at a time, only while the rest are
// healthy. Parallel: create and delete without waiting. RollingUpdate: delete the highest pod
// not at the update revision (down to the partition), one at a time, each replacement healthy
// before the next; OnDelete: pods change revision only when deleted by someone else.
import type { StatefulSetStatus } from "kubernetes-types/apps/v1";
import { availableAt } from "../../../shared/controller/pod-state.ts";
import { templateOf } from "../history/revisions.ts";
import {
  isFailed, isHealthy, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating, newStatefulPod, ordinalOf, revisionOf, startOrdinal,
} from "./identity.ts";
import { createStatefulPod, deleteStatefulPod, ensureClaims } from "./pod-control.ts";
import type { SetRevisions } from "./revisions.ts";
import type { PodObject, StatefulSetDeps, StatefulSetObject } from "./types.ts";

type Counts = Required<Pick<StatefulSetStatus, "replicas" | "readyReplicas" | "availableReplicas" | "currentReplicas" | "updatedReplicas">>;

export interface UpdateResult {
  status: StatefulSetStatus & Counts;
  requeueAfterMs?: number;
}

export async function updateStatefulSet(d: StatefulSetDeps, set: StatefulSetObject, revs: SetRevisions, pods: readonly PodObject[]): Promise<UpdateResult> {
  const now = d.clock.now();
  const minReady = set.spec?.minReadySeconds ?? 0;
  const current = revs.current.metadata.name;
  const update = revs.update.metadata.name;
  const status: UpdateResult["status"] = {
    observedGeneration: set.metadata.generation ?? 0, currentRevision: current, updateRevision: update, collisionCount: revs.collisionCount,
    replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0,
  };
  const count = (rev: string, by: number) => {
    if (rev === current) status.currentReplicas += by;
    if (rev === update) status.updatedReplicas += by;
  };
  for (const p of pods) {
    status.replicas++;
    if (isRunningAndReady(p)) {
      status.readyReplicas++;
      if (isRunningAndAvailable(p, minReady, now)) status.availableReplicas++;
    }
    if (!isTerminating(p)) count(revisionOf(p), 1);
  }
  const result: UpdateResult = { status };
  const wakeAt = (p: PodObject) => {
    const at = availableAt(p, minReady);
    if (at !== undefined) result.requeueAfterMs = Math.max(0, Math.min(result.requeueAfterMs ?? Infinity, at - now));
  };

  const start = startOrdinal(set);
  const end = start + (set.spec?.replicas ?? 1);
  const slots = new Map<number, PodObject | undefined>();
  for (let o = start; o < end; o++) slots.set(o, undefined);
  const condemned: PodObject[] = [];
  for (const p of pods) {
    const o = ordinalOf(set, p);
    if (o >= start && o < end) slots.set(o, p);
    else if (o >= 0) condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, a) - ordinalOf(set, b));
  let firstUnhealthy = Infinity;
  for (const [o, p] of slots) if (!p || !isHealthy(p)) firstUnhealthy = Math.min(firstUnhealthy, o);
  for (const p of condemned) if (!isHealthy(p)) firstUnhealthy = Math.min(firstUnhealthy, ordinalOf(set, p));
  if (set.metadata.deletionTimestamp) return result;

  const monotonic = set.spec?.podManagementPolicy !== "Parallel";
  const strategy = set.spec?.updateStrategy;
  const rolling = (strategy?.type ?? "RollingUpdate") === "RollingUpdate";
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const templates = { [current]: templateOf(revs.current), [update]: templateOf(revs.update) };
  // Ordinals below the partition stay at the current revision (upstream's newVersionedStatefulSetPod).
  const revisionFor = (o: number) => ((rolling && !strategy?.rollingUpdate && o < (set.status?.currentReplicas ?? 0)) || (strategy?.rollingUpdate && o < partition) ? current : update);

  for (let o = start; o < end; o++) {
    let pod = slots.get(o);
    if (pod && (isFailed(pod) || isSucceeded(pod)) && !isTerminating(pod)) {
      const [reason, what] = isFailed(pod) ? ["RecreatingFailedPod", "failed"] : ["RecreatingTerminatedPod", "terminated"];
      d.recorder.record(set, "Warning", reason, `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${what} Pod ${pod.metadata.name}`);
      await deleteStatefulPod(d, set, pod);
      count(revisionOf(pod), -1);
      status.replicas--;
      pod = undefined;
      slots.set(o, undefined);
    }
    if (!pod) {
      const rev = revisionFor(o);
      await createStatefulPod(d, set, newStatefulPod(set, templates[rev]!, o, rev), o);
      status.replicas++;
      count(rev, 1);
      if (monotonic) return result;
      continue;
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return result;
    if (monotonic && !isRunningAndAvailable(pod, minReady, now)) {
      wakeAt(pod);
      return result;
    }
    await ensureClaims(d, set, o, pod.metadata.name);
  }

  for (let i = condemned.length - 1; i >= 0; i--) {
    const pod = condemned[i]!;
    if (isTerminating(pod)) {
      if (monotonic) return result;
      continue;
    }
    const first = ordinalOf(set, pod) === firstUnhealthy;
    if (monotonic && !first && !isRunningAndReady(pod)) return result;
    if (monotonic && !first && !isRunningAndAvailable(pod, minReady, now)) {
      wakeAt(pod);
      return result;
    }
    await deleteStatefulPod(d, set, pod);
    count(revisionOf(pod), -1);
    if (monotonic) return result;
  }

  if (!rolling) return result;
  for (let o = end - 1; o >= Math.max(start, partition); o--) {
    const pod = slots.get(o);
    if (!pod) return result;
    if (revisionOf(pod) !== update && !isTerminating(pod)) {
      await deleteStatefulPod(d, set, pod);
      count(revisionOf(pod), -1);
      return result;
    }
    if (!isHealthy(pod)) return result;
  }
  return result;
}
