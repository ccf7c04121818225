// reconcile(key) of the ReplicaSet controller (upstream's syncReplicaSet): claim the active pods
// the selector matches, create or delete pods when the expectations allow it, then write the
// status. Level-triggered: reads the cache, never the event that woke it.
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { labelSelectorFromObject, SelectorError, type LabelMatcher } from "../../../shared/selectors/index.ts";
import { claim } from "./claim.ts";
import { manageReplicas, type ManageContext } from "./manage.ts";
import type { ControllerIndex } from "./owner-index.ts";
import { isPodActive } from "./pods.ts";
import { calculateStatus, updateStatus } from "./status.ts";
import { controllerOf, PODS, REPLICASETS, type PodObject, type ReplicaSetObject } from "./types.ts";

export interface ReplicaSetContext extends ManageContext {
  getReplicaSet(key: string): ReplicaSetObject | undefined;
  replicaSetIndex: ControllerIndex<ReplicaSetObject>;
  podIndex: ControllerIndex<PodObject>;
}

export async function syncReplicaSet(ctx: ReplicaSetContext, key: string): Promise<ReconcileResult | void> {
  const rs = ctx.getReplicaSet(key);
  if (!rs) {
    ctx.expectations.forget(key);
    return;
  }
  const needsSync = ctx.expectations.satisfied(key);
  let selector: LabelMatcher;
  try {
    selector = labelSelectorFromObject(rs.spec?.selector);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    ctx.log.level("error")("invalid selector; not syncing", { replicaSet: key, error: e.message });
    return;
  }
  const ns = rs.metadata.namespace ?? "";
  const candidates = [...ctx.podIndex.owned(rs.metadata.uid), ...ctx.podIndex.orphansIn(ns)].filter(isPodActive);
  const pods = await claim({
    client: ctx.client,
    owner: rs,
    ownerResource: REPLICASETS,
    resource: PODS,
    candidates,
    matches: (labels) => selector.matches(labels),
    fieldManager: ctx.fieldManager,
  });
  let manageError: unknown;
  if (needsSync && !rs.metadata.deletionTimestamp) {
    try {
      await manageReplicas(ctx, rs, pods, () => relatedPods(ctx, rs));
    } catch (e) {
      manageError = e;
    }
  }
  const status = calculateStatus(rs, pods, manageError, ctx.clock.now());
  const updated = await updateStatus(ctx.client, rs, status);
  if (manageError) throw manageError;
  const replicas = rs.spec?.replicas ?? 1;
  const minReady = rs.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
    return { requeueAfterMs: minReady * 1000 };
  }
}

/** Pods of every ReplicaSet with the same controller (a Deployment's old and new sets). */
function relatedPods(ctx: ReplicaSetContext, rs: ReplicaSetObject): PodObject[] {
  const owner = controllerOf(rs);
  const siblings = owner?.uid ? ctx.replicaSetIndex.owned(owner.uid) : [rs];
  return siblings.flatMap((s) => ctx.podIndex.owned(s.metadata.uid));
}
