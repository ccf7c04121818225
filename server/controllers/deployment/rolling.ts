// RollingUpdate (upstream's rolloutRolling): grow the new ReplicaSet as far as maxSurge allows;
// otherwise shrink old ones as far as maxUnavailable allows — unhealthy old pods first, then
// available ones from the oldest ReplicaSet — counting the new set's unavailable pods against the
// budget. Cleans up history once the rollout is complete.
import type { ReplicaSetObject } from "../replicaset/types.ts";
import { cleanupDeployment } from "./cleanup.ts";
import type { Run } from "./context.ts";
import { getAllReplicaSetsAndSyncRevision } from "./new-rs.ts";
import { syncRolloutStatus } from "./progress.ts";
import { scaleAndRecord } from "./scale.ts";
import { desiredReplicas, maxUnavailable } from "./util/intstr.ts";
import { deploymentComplete, newRSNewReplicas } from "./util/rollout-math.ts";
import { availableReplicaCount, byCreation, filterActive, replicaCount, specReplicas } from "./util/replicasets.ts";

export async function rolloutRolling(run: Run, rsList: ReplicaSetObject[]) {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, true);
  const rs = newRS!;
  const allRSs = [...oldRSs, rs];
  if (await reconcileNewReplicaSet(run, allRSs, rs)) return syncRolloutStatus(run, allRSs, rs);
  if (await reconcileOldReplicaSets(run, allRSs, filterActive(oldRSs), rs)) return syncRolloutStatus(run, allRSs, rs);
  if (deploymentComplete(run.d, run.d.status)) await cleanupDeployment(run, oldRSs);
  return syncRolloutStatus(run, allRSs, rs);
}

async function reconcileNewReplicaSet(run: Run, allRSs: ReplicaSetObject[], newRS: ReplicaSetObject): Promise<boolean> {
  const want = desiredReplicas(run.d);
  if (specReplicas(newRS) === want) return false;
  if (specReplicas(newRS) > want) return (await scaleAndRecord(run, newRS, want)).scaled;
  return (await scaleAndRecord(run, newRS, newRSNewReplicas(run.d, allRSs, newRS))).scaled;
}

async function reconcileOldReplicaSets(run: Run, allRSs: ReplicaSetObject[], oldRSs: ReplicaSetObject[], newRS: ReplicaSetObject): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(run.d) - maxUnavailable(run.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Failures here only end this pass (as upstream): the ReplicaSet event that follows a
  // conflicting write brings the Deployment back.
  try {
    const { olds, cleaned } = await cleanupUnhealthyReplicas(run, oldRSs, maxScaledDown);
    const scaledDown = await scaleDownOldReplicaSets(run, [...olds, newRS], olds);
    return cleaned + scaledDown > 0;
  } catch (e) {
    run.ctx.log.level("debug")("scaling down old replica sets failed", { deployment: run.d.metadata.name, error: e instanceof Error ? e.message : String(e) });
    return false;
  }
}

/** Scale old ReplicaSets down by their unavailable pods (oldest first), up to `max`. */
async function cleanupUnhealthyReplicas(run: Run, oldRSs: ReplicaSetObject[], max: number) {
  const olds = [...oldRSs].sort(byCreation);
  let cleaned = 0;
  for (let i = 0; i < olds.length && cleaned < max; i++) {
    const rs = olds[i]!;
    const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const n = Math.min(max - cleaned, unhealthy);
    olds[i] = (await scaleAndRecord(run, rs, specReplicas(rs) - n)).rs;
    cleaned += n;
  }
  return { olds, cleaned };
}

/** Scale old ReplicaSets down (oldest first) while more than minAvailable pods are available. */
async function scaleDownOldReplicaSets(run: Run, allRSs: ReplicaSetObject[], oldRSs: ReplicaSetObject[]): Promise<number> {
  const minAvailable = desiredReplicas(run.d) - maxUnavailable(run.d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= budget) break;
    if (specReplicas(rs) === 0) continue;
    const n = Math.min(specReplicas(rs), budget - done);
    await scaleAndRecord(run, rs, specReplicas(rs) - n);
    done += n;
  }
  return done;
}
