// Which objects to look at again after a change the informers saw (the graph already shows the
// change). These are hints that only enqueue uids: the reconciles decide from current state.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { Node, OwnerGraph } from "./graph.ts";
import { deletingDependents, groupOf, orphaningDependents, ownerRefs } from "./refs.ts";

export interface Wake {
  /** uids for attempt-to-delete: dependents that may have lost their owners, owners in foreground deletion. */
  attemptToDelete: Set<string>;
  /** uids of owners deleted with propagationPolicy Orphan. */
  attemptToOrphan: Set<string>;
}

/** Does the known owner node match what the reference (from a dependent in `namespace`) names? */
export function refMatches(owner: Node, ref: OwnerReference, namespace: string | undefined): boolean {
  const o = owner.obj;
  if (o.kind !== ref.kind || groupOf(o.apiVersion) !== groupOf(ref.apiVersion) || o.metadata.name !== ref.name) return false;
  return owner.resource.namespaced ? !!namespace && o.metadata.namespace === namespace : true;
}

export function afterUpsert(graph: OwnerGraph, obj: StoredObject, prev?: StoredObject): Wake {
  const wake: Wake = { attemptToDelete: new Set(), attemptToOrphan: new Set() };
  const uid = obj.metadata.uid;
  for (const ref of ownerRefs(obj)) {
    const owner = graph.get(ref.uid);
    // An unknown or mismatched owner may be gone; an owner deleting its dependents waits for this one.
    if (!owner || !refMatches(owner, ref, obj.metadata.namespace) || deletingDependents(owner.obj)) wake.attemptToDelete.add(uid);
  }
  if (deletingDependents(obj)) {
    wake.attemptToDelete.add(uid);
    for (const d of graph.dependents(uid)) wake.attemptToDelete.add(d.obj.metadata.uid);
  }
  if (orphaningDependents(obj)) wake.attemptToOrphan.add(uid);
  if (prev) {
    // A dropped reference, or one that no longer blocks, may unblock a foreground owner.
    const now = new Map(ownerRefs(obj).map((r) => [r.uid, r.blockOwnerDeletion === true]));
    for (const ref of ownerRefs(prev)) {
      if (ref.blockOwnerDeletion !== true || now.get(ref.uid) === true) continue;
      const owner = graph.get(ref.uid);
      if (owner && deletingDependents(owner.obj)) wake.attemptToDelete.add(ref.uid);
    }
  }
  return wake;
}

export function afterDelete(graph: OwnerGraph, obj: StoredObject): Wake {
  const wake: Wake = { attemptToDelete: new Set(), attemptToOrphan: new Set() };
  for (const d of graph.dependents(obj.metadata.uid)) wake.attemptToDelete.add(d.obj.metadata.uid);
  for (const ref of ownerRefs(obj)) {
    const owner = graph.get(ref.uid);
    if (owner && deletingDependents(owner.obj)) wake.attemptToDelete.add(ref.uid);
  }
  return wake;
}
