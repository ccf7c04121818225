// syncStatefulSet: the StatefulSet controller's reconcile of one key — revisions, the update
// loop (update.ts), status, then history pruned to revisionHistoryLimit (revisions in use by a
// pod or as current/update revision are kept).
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { isControlledBy } from "../../../shared/controller/pod-state.ts";
import { pruneRevisions } from "../history/revisions.ts";
import { ordinalOf, revisionOf } from "./identity.ts";
import { setRevisions } from "./revisions.ts";
import { finalStatus, storeStatus } from "./status.ts";
import type { StatefulSetDeps } from "./types.ts";
import { updateStatefulSet } from "./update.ts";

export async function syncStatefulSet(d: StatefulSetDeps, key: string): Promise<ReconcileResult | void> {
  const set = d.sets.get(key);
  if (!set) return;
  const ns = set.metadata.namespace;
  const pods = d.pods.list().filter((p) => p.metadata.namespace === ns && isControlledBy(p, set) && ordinalOf(set, p) >= 0);
  const revs = await setRevisions(d, set);
  const result = await updateStatefulSet(d, set, revs, pods);
  await storeStatus(d, set, finalStatus(set, result.status));
  const live = new Set([revs.current.metadata.name, revs.update.metadata.name, ...pods.map(revisionOf)]);
  await pruneRevisions(d.client, revs.all, live, set.spec?.revisionHistoryLimit ?? 10);
  if (result.requeueAfterMs !== undefined) return { requeueAfterMs: result.requeueAfterMs };
}
