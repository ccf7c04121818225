// reconcile(key) of the Deployment controller (upstream's syncDeployment): claim the ReplicaSets,
// then, in upstream's order — deleted: status only; paused or a scaling event: proportional
// scaling; a deprecated rollback request; otherwise the strategy's rollout.
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { labelSelectorFromObject, SelectorError, type LabelMatcher } from "../../../shared/selectors/index.ts";
import { claim } from "../replicaset/claim.ts";
import { DEPLOYMENTS, REPLICASETS, type PodObject, type ReplicaSetObject } from "../replicaset/types.ts";
import { cleanupDeployment } from "./cleanup.ts";
import { Run, type DeploymentContext } from "./context.ts";
import { getAllReplicaSetsAndSyncRevision } from "./new-rs.ts";
import { syncDeploymentStatus } from "./progress.ts";
import { rolloutRecreate } from "./recreate.ts";
import { rollback, rollbackTo } from "./rollback.ts";
import { rolloutRolling } from "./rolling.ts";
import { scale } from "./scale.ts";
import { getCondition, newCondition, REASON, setCondition } from "./util/conditions.ts";
import { desiredReplicas } from "./util/intstr.ts";
import { desiredReplicasAnnotation, hasProgressDeadline } from "./util/rollout-math.ts";
import { filterActive } from "./util/replicasets.ts";

export async function syncDeployment(ctx: DeploymentContext, key: string): Promise<ReconcileResult | void> {
  const cached = ctx.getDeployment(key);
  if (!cached) return;
  const run = new Run(ctx, cached);
  const d = run.d;
  const sel = d.spec.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
    run.event("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
    if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status.observedGeneration = d.metadata.generation;
      await run.updateStatus();
    }
    return;
  }
  let selector: LabelMatcher;
  try {
    selector = labelSelectorFromObject(sel);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    ctx.log.level("error")("invalid selector; not syncing", { deployment: key, error: e.message });
    return;
  }
  const ns = d.metadata.namespace ?? "";
  const rsList = await claim({
    client: ctx.client,
    owner: cached,
    ownerResource: DEPLOYMENTS,
    resource: REPLICASETS,
    candidates: [...ctx.replicaSetIndex.owned(d.metadata.uid), ...ctx.replicaSetIndex.orphansIn(ns)],
    matches: (labels) => selector.matches(labels),
    fieldManager: ctx.fieldManager,
  });
  await dispatch(run, rsList);
  return run.requeueAfterMs === undefined ? undefined : { requeueAfterMs: run.requeueAfterMs };
}

async function dispatch(run: Run, rsList: ReplicaSetObject[]) {
  const d = run.d;
  if (d.metadata.deletionTimestamp) return syncStatusOnly(run, rsList);
  await checkPausedConditions(run);
  if (d.spec.paused) return sync(run, rsList);
  if (rollbackTo(run) !== undefined) return rollback(run, rsList);
  if (await isScalingEvent(run, rsList)) return sync(run, rsList);
  const type = d.spec.strategy?.type ?? "RollingUpdate";
  if (type === "Recreate") return rolloutRecreate(run, rsList, podsByReplicaSet(run, rsList));
  if (type === "RollingUpdate") return rolloutRolling(run, rsList);
  throw new Error(`unexpected deployment strategy type: ${type}`);
}

async function syncStatusOnly(run: Run, rsList: ReplicaSetObject[]) {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, false);
  await syncDeploymentStatus(run, [...oldRSs, newRS], newRS);
}

/** Scaling events and paused Deployments: resize proportionally, clean up history while paused. */
async function sync(run: Run, rsList: ReplicaSetObject[]) {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, false);
  await scale(run, newRS, oldRSs);
  if (run.d.spec.paused && rollbackTo(run) === undefined) await cleanupDeployment(run, oldRSs);
  await syncDeploymentStatus(run, [...oldRSs, newRS], newRS);
}

/** Progressing=Unknown DeploymentPaused / DeploymentResumed, so a pause never counts against the deadline. */
async function checkPausedConditions(run: Run) {
  const d = run.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, "Progressing");
  if (cond?.reason === REASON.timedOut) return;
  const pausedCond = cond?.reason === REASON.paused;
  if (d.spec.paused && !pausedCond) setCondition(d.status, newCondition("Progressing", "Unknown", REASON.paused, "Deployment is paused", run.now));
  else if (!d.spec.paused && pausedCond) setCondition(d.status, newCondition("Progressing", "Unknown", REASON.resumed, "Deployment is resumed", run.now));
  else return;
  await run.updateStatus();
}

/** Some active ReplicaSet was sized for a different spec.replicas (desired-replicas annotation). */
async function isScalingEvent(run: Run, rsList: ReplicaSetObject[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, false);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== desiredReplicas(run.d);
  });
}

/** The pods each ReplicaSet controls (Recreate waits for the old ones to be gone). */
function podsByReplicaSet(run: Run, rsList: ReplicaSetObject[]): Map<string, PodObject[]> {
  return new Map(rsList.map((rs) => [rs.metadata.uid, run.ctx.podIndex.owned(rs.metadata.uid)]));
}
