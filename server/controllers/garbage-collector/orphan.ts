// Reconcile an owner deleted with propagationPolicy Orphan: remove the references to it from
// every dependent, then drop the `orphan` finalizer so the API can remove the owner.
import { removeFinalizer, targetOf, updateOwnerReferences } from "../../../shared/controller/index.ts";
import type { GcContext } from "./attempt-delete.ts";
import { ORPHAN, orphaningDependents } from "./refs.ts";

export async function attemptToOrphan(gc: GcContext, uid: string): Promise<void> {
  const node = gc.graph.get(uid);
  if (!node || !orphaningDependents(node.obj)) return;
  const dependents = gc.graph.dependents(uid);
  for (const d of dependents) {
    await updateOwnerReferences(gc.client, targetOf(d.resource, d.obj), gc.fieldManager, (refs) => refs.filter((r) => r.uid !== uid));
  }
  gc.log("dependents orphaned; finishing deletion", { resource: node.resource.plural, name: node.obj.metadata.name, namespace: node.obj.metadata.namespace, dependents: dependents.length });
  await removeFinalizer(gc.client, targetOf(node.resource, node.obj), ORPHAN, gc.fieldManager);
}
