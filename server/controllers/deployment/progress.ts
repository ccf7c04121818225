// Writing the Deployment's status (upstream's syncDeploymentStatus and syncRolloutStatus). During
// a rollout the Progressing condition says how it goes: NewReplicaSetAvailable when complete,
// ReplicaSetUpdated while pods move, ProgressDeadlineExceeded after progressDeadlineSeconds
// without progress; a ReplicaSet's ReplicaFailure is surfaced; a rollout that has not finished
// is looked at again when its deadline passes.
import type { DeploymentCondition } from "kubernetes-types/apps/v1";
import type { ReplicaSetObject } from "../replicaset/types.ts";
import type { Run } from "./context.ts";
import { calculateStatus } from "./status.ts";
import { getCondition, newCondition, REASON, removeCondition, setCondition } from "./util/conditions.ts";
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline } from "./util/rollout-math.ts";

const quote = (s: string) => JSON.stringify(s);

/** Status only: counts and Available (scaling events, paused and deleted Deployments). */
export async function syncDeploymentStatus(run: Run, allRSs: (ReplicaSetObject | undefined)[], newRS: ReplicaSetObject | undefined) {
  run.d.status = calculateStatus(allRSs, newRS, run.d, run.now);
  await run.updateStatus();
}

export async function syncRolloutStatus(run: Run, allRSs: (ReplicaSetObject | undefined)[], newRS: ReplicaSetObject | undefined) {
  const d = run.d;
  const now = run.now;
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
  const current = getCondition(d.status, "Progressing");
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet ${quote(newRS.metadata.name)}` : `Deployment ${quote(d.metadata.name)}`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition("Progressing", "True", REASON.newRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Same reason again still moves lastUpdateTime: progress resets the deadline.
      const c = newCondition("Progressing", "True", REASON.replicaSetUpdated, `${subject} is progressing.`, now);
      if (current?.status === "True") c.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, "Progressing");
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition("Progressing", "False", REASON.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, "ReplicaFailure");
  d.status = status;
  await run.updateStatus();
  requeueStuck(run, status);
}

/** The new ReplicaSet's ReplicaFailure condition (or an old one's), as a Deployment condition. */
function replicaFailure(allRSs: (ReplicaSetObject | undefined)[], newRS: ReplicaSetObject | undefined): DeploymentCondition | undefined {
  for (const rs of [newRS, ...allRSs]) {
    const c = rs?.status?.conditions?.find((c) => c.type === "ReplicaFailure");
    if (c) return { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

/** An unfinished rollout with a deadline is reconciled again once the deadline could have passed. */
function requeueStuck(run: Run, status: typeof run.d.status) {
  const d = run.d;
  const current = getCondition(status, "Progressing");
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return;
  const last = current.lastUpdateTime ? Date.parse(current.lastUpdateTime) : NaN;
  if (!Number.isFinite(last)) return;
  const after = last + d.spec.progressDeadlineSeconds! * 1000 - run.now;
  run.requeueAfter(after < 1000 ? 1000 : after + 1000);
}
