// Resizing ReplicaSets for a Deployment: one ReplicaSet (with the desired/max-replicas
// annotations kept current and a ScalingReplicaSet event), and a scaling event spread over the
// active ReplicaSets in proportion to their size (upstream's scale), so that scaling during a
// rollout or while paused neither hastens nor stalls the rollout.
import type { KubeObject } from "../../../shared/api/object.ts";
import type { ReplicaSetObject } from "../replicaset/types.ts";
import type { Run } from "./context.ts";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from "./history.ts";
import { desiredReplicas, isRollingUpdate, maxSurge } from "./util/intstr.ts";
import { getProportion, isSaturated } from "./util/rollout-math.ts";
import { bySizeNewer, bySizeOlder, filterActive, findActiveOrLatest, replicaCount, specReplicas } from "./util/replicasets.ts";

export interface Scaled {
  scaled: boolean;
  rs: ReplicaSetObject;
}

/** Set the size and the replicas annotations; records "Scaled <op> replica set X to N from M". */
export async function scaleReplicaSet(run: Run, rs: ReplicaSetObject, newScale: number, operation: string): Promise<Scaled> {
  const d = run.d;
  const sizeChanges = specReplicas(rs) !== newScale;
  const max = desiredReplicas(d) + maxSurge(d);
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desiredReplicas(d), max)) return { scaled: false, rs };
  const oldScale = specReplicas(rs);
  const copy = structuredClone(rs) as ReplicaSetObject & KubeObject;
  copy.spec = { ...copy.spec!, replicas: newScale };
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  setReplicasAnnotations(annotations, desiredReplicas(d), max);
  copy.metadata = { ...copy.metadata, annotations };
  const updated = await run.updateReplicaSet(copy);
  if (sizeChanges) run.event("Normal", "ScalingReplicaSet", `Scaled ${operation} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`);
  return { scaled: sizeChanges, rs: updated };
}

export async function scaleAndRecord(run: Run, rs: ReplicaSetObject, newScale: number): Promise<Scaled> {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(run, rs, newScale, specReplicas(rs) < newScale ? "up" : "down");
}

/** A scaling event (or a paused Deployment): resize proportionally, never as part of a rollout. */
export async function scale(run: Run, newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]) {
  const d = run.d;
  const want = desiredReplicas(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== want) await scaleAndRecord(run, only, want);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) await scaleAndRecord(run, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActive([...oldRSs, newRS]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(all);
  let operation = "";
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = "up";
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = "down";
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const p = getProportion(rs, d, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  // Leftovers go to the largest ReplicaSet (the first after sorting).
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  for (let i = 0; i < all.length; i++) await scaleReplicaSet(run, all[i]!, sizes[i]!, operation);
}
