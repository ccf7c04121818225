// Recreate (upstream's rolloutRecreate): scale every old ReplicaSet to 0, wait until none of
// their pods is left running, and only then create or scale up the new ReplicaSet.
import type { PodObject, ReplicaSetObject } from "../replicaset/types.ts";
import { cleanupDeployment } from "./cleanup.ts";
import type { Run } from "./context.ts";
import { getAllReplicaSetsAndSyncRevision } from "./new-rs.ts";
import { syncRolloutStatus } from "./progress.ts";
import { scaleAndRecord } from "./scale.ts";
import { desiredReplicas } from "./util/intstr.ts";
import { deploymentComplete } from "./util/rollout-math.ts";
import { actualReplicaCount, filterActive } from "./util/replicasets.ts";

/** `podsByRS`: the pods each of the Deployment's ReplicaSets controls, by ReplicaSet uid. */
export async function rolloutRecreate(run: Run, rsList: ReplicaSetObject[], podsByRS: Map<string, PodObject[]>) {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if ((await scaleAndRecord(run, rs, 0)).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(run, allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(run, allRSs, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  await scaleAndRecord(run, newRS!, desiredReplicas(run.d));
  if (deploymentComplete(run.d, run.d.status)) await cleanupDeployment(run, oldRSs);
  return syncRolloutStatus(run, allRSs, newRS);
}

/** Old ReplicaSets still report pods, or a pod of theirs has not finished (any phase but Succeeded/Failed). */
export function oldPodsRunning(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[], podsByRS: Map<string, PodObject[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && uid === newRS.metadata.uid) continue;
    if (pods.some((p) => p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded")) return true;
  }
  return false;
}
