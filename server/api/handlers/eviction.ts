// pods/eviction: a delete that respects PodDisruptionBudgets. Budgets are enforced by the
// disruption controller's status (status.disruptionsAllowed); with no budget it is a delete.
import { errors } from "../../../shared/api/errors.ts";
import { isPlainObject, type KubeObject } from "../../../shared/api/object.ts";
import { labelSelectorMatcher } from "../../../shared/selectors/index.ts";
import type { RequestInfo } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";
import type { WriteOptions } from "../request/options.ts";
import { checkDeleteOptionTypes, deleteObject, type DeleteOptions } from "./delete.ts";

export async function evictPod(info: RequestInfo, rt: ResourceType, namespace: string, name: string, body: KubeObject, write: WriteOptions) {
  if (body.kind !== undefined && body.kind !== "Eviction") throw errors.badRequest(`expected an Eviction, got kind "${body.kind}"`);
  const opts = body.deleteOptions ?? {};
  if (!isPlainObject(opts)) throw errors.badRequest("json: cannot unmarshal into Go struct field Eviction.deleteOptions of type v1.DeleteOptions");
  checkDeleteOptionTypes(opts);
  const pod = await info.ctx.store.get(rt, namespace, name);
  if (!pod) throw errors.notFound({ group: "", resource: "pods" }, name);
  const pdbType = info.ctx.registry.lookup("policy", "v1", "poddisruptionbudgets")!;
  const pdbs = await info.ctx.store.backend.list(info.ctx.store.prefix(pdbType, namespace));
  const labels = pod.obj.metadata.labels ?? {};
  for (const kv of pdbs.kvs) {
    const pdb = JSON.parse(kv.value) as { metadata: { name: string }; spec?: { selector?: object }; status?: { disruptionsAllowed?: number } };
    if (!pdb.spec?.selector || !labelSelectorMatcher(pdb.spec.selector as never)(labels)) continue;
    if ((pdb.status?.disruptionsAllowed ?? 0) <= 0) {
      throw errors.tooManyRequests(`Cannot evict pod as it would violate the pod's disruption budget.`, 10);
    }
  }
  // The request's ?dryRun applies to the delete it makes, as upstream merges it into deleteOptions.
  await deleteObject(info, rt, namespace, name, { ...(opts as DeleteOptions), ...(write.dryRun ? { dryRun: ["All"] } : {}) });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}
