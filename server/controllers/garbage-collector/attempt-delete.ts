// Reconcile one object by uid, as upstream's attemptToDeleteItem:
//  - being deleted in the foreground: once no dependent blocks it, drop `foregroundDeletion`;
//  - owners all gone (or deleting their dependents): delete it, in the foreground if it has
//    dependents of its own and an owner waits for it, else with the policy its finalizers ask;
//  - some owners still there: strip the references to gone owners and stop blocking waiting ones.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { isConflict, isNotFound, type Client } from "../../../shared/client/index.ts";
import { removeFinalizer, targetOf, updateOwnerReferences } from "../../../shared/controller/index.ts";
import type { OwnerGraph } from "./graph.ts";
import type { OwnerVerifier } from "./owners.ts";
import { beingDeleted, blocksOwner, FOREGROUND, hasFinalizer, ownerRefs, policyFor } from "./refs.ts";

export interface GcContext {
  client: Client;
  graph: OwnerGraph;
  verifier: OwnerVerifier;
  /** Look at an object again (attempt-to-delete queue). */
  enqueue(uid: string): void;
  fieldManager: string;
  log(msg: string, fields?: Record<string, unknown>): void;
}

export async function attemptToDelete(gc: GcContext, uid: string): Promise<void> {
  const node = gc.graph.get(uid);
  if (!node) return; // gone, or never seen: its dependents are reconciled on their own
  const { obj, resource } = node;
  if (beingDeleted(obj)) {
    if (hasFinalizer(obj, FOREGROUND)) await processDeletingDependents(gc, uid);
    return;
  }
  const refs = ownerRefs(obj);
  if (!refs.length) return;
  const { solid, waiting, dangling } = await gc.verifier.classify(refs, obj.metadata.namespace);
  const target = targetOf(resource, obj);
  if (solid.length) {
    if (!dangling.length && !waiting.length) return;
    const gone = new Set(dangling.map((r) => r.uid));
    const unblock = new Set(waiting.map((r) => r.uid));
    gc.log("removing references to gone owners", { key: keyOf(obj), dangling: [...gone], unblocked: [...unblock] });
    await updateOwnerReferences(gc.client, target, gc.fieldManager, (cur) =>
      cur.filter((r) => !gone.has(r.uid)).map((r): OwnerReference => (unblock.has(r.uid) && r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)),
    );
    return;
  }
  const policy = waiting.length && gc.graph.hasDependents(uid) ? "Foreground" : policyFor(obj);
  gc.log("deleting dependent: no owner left that keeps it", { key: keyOf(obj), resource: resource.plural, policy, waiting: waiting.length });
  try {
    await gc.client.delete(resource, obj.metadata.name, { namespace: obj.metadata.namespace, propagationPolicy: policy, preconditions: { uid } });
  } catch (e) {
    if (isNotFound(e)) return;
    if (isConflict(e)) return; // the uid precondition failed: that name now holds another object
    throw e;
  }
}

/** An owner in foreground deletion: drop the finalizer once no dependent blocks it. */
async function processDeletingDependents(gc: GcContext, uid: string) {
  const { obj, resource } = gc.graph.get(uid)!;
  const blocking = gc.graph.dependents(uid).filter((d) => blocksOwner(d.obj, uid));
  if (!blocking.length) {
    gc.log("dependents gone; finishing foreground deletion", { key: keyOf(obj), resource: resource.plural });
    await removeFinalizer(gc.client, targetOf(resource, obj), FOREGROUND, gc.fieldManager);
    return;
  }
  // Dependents already deleting their own dependents are on their way; nudge the others.
  for (const d of blocking) if (!(beingDeleted(d.obj) && hasFinalizer(d.obj, FOREGROUND))) gc.enqueue(d.obj.metadata.uid);
}

function keyOf(obj: { metadata: { namespace?: string; name: string } }) {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
}
