// revisionHistoryLimit: keep that many old ReplicaSets; delete the oldest revisions beyond it,
// but only those fully scaled down and observed so (upstream's cleanupDeployment).
import { isNotFound } from "../../../shared/client/index.ts";
import { REPLICASETS, type ReplicaSetObject } from "../replicaset/types.ts";
import type { Run } from "./context.ts";
import { hasRevisionHistoryLimit } from "./util/rollout-math.ts";
import { byRevision, specReplicas } from "./util/replicasets.ts";

export async function cleanupDeployment(run: Run, oldRSs: ReplicaSetObject[]) {
  const d = run.d;
  if (!hasRevisionHistoryLimit(d)) return;
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = alive.length - d.spec.revisionHistoryLimit!;
  if (excess <= 0) return;
  const candidates = [...alive].sort(byRevision).slice(0, excess);
  for (const rs of candidates) {
    const idle = (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0 && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if (!idle) continue;
    run.ctx.log.level("debug")("deleting old replica set", { deployment: `${d.metadata.namespace}/${d.metadata.name}`, replicaSet: rs.metadata.name });
    try {
      await run.ctx.client.delete(REPLICASETS, rs.metadata.name, { namespace: rs.metadata.namespace, preconditions: { uid: rs.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
