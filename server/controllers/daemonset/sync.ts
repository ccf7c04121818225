// syncDaemonSet: the DaemonSet controller's reconcile of one key — history (the current
// revision's hash), manage (a pod per eligible node), the rolling update once manage has nothing
// to do, history cleanup, then status. While its own creates/deletes are not in the cache yet it
// only reports status (without raising observedGeneration).
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { cleanupHistory, constructHistory } from "./history.ts";
import { nodeToDaemonPods, plan, syncNodes, type ManageResult } from "./manage.ts";
import { rollingUpdatePlan } from "./rolling.ts";
import { computeStatus, storeStatus } from "./status.ts";
import type { DaemonSetDeps } from "./types.ts";

export async function syncDaemonSet(d: DaemonSetDeps, key: string): Promise<ReconcileResult | void> {
  const ds = d.daemonSets.get(key);
  if (!ds) {
    d.expectations.forget(key);
    return;
  }
  const sel = ds.spec?.selector;
  if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    d.recorder.record(ds, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.");
    return;
  }
  // Being deleted: its revisions may already be gone, so status cannot be trusted; leave it.
  if (ds.metadata.deletionTimestamp) return;
  const history = await constructHistory(d, ds);
  const ns = ds.metadata.namespace;
  const satisfied = d.expectations.satisfied(key, (name) => {
    const p = d.pods.get(`${ns}/${name}`);
    return p && { uid: p.metadata.uid, deleting: !!p.metadata.deletionTimestamp };
  });
  if (!satisfied) {
    await storeStatus(d, ds, computeStatus(d, ds, history.hash).status, false, history.collisionCount);
    return;
  }
  const r: ManageResult = {};
  const { create, remove } = plan(d, ds, history.hash, r);
  await syncNodes(d, ds, key, remove, create, history.hash, r);
  if (r.error) throw r.error;
  if (!create.length && !remove.length && (ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
    const rolling = rollingUpdatePlan(d, ds, history.hash);
    await syncNodes(d, ds, key, rolling.remove, rolling.createOn, history.hash, r);
    if (r.error) throw r.error;
  }
  await cleanupHistory(d, ds, history.old, [...nodeToDaemonPods(d, ds, true).values()].flat());
  const { status, nextAvailableAt } = computeStatus(d, ds, history.hash);
  await storeStatus(d, ds, status, true, history.collisionCount);
  const now = d.clock.now();
  const wake = Math.min(r.requeueAfterMs ?? Infinity, nextAvailableAt !== undefined ? Math.max(0, nextAvailableAt - now) : Infinity);
  if (Number.isFinite(wake)) return { requeueAfterMs: wake };
}
