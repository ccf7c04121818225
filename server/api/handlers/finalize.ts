// PUT /api/v1/namespaces/<name>/finalize: the one way to change a namespace's spec.finalizers
// (the namespace controller removes `kubernetes` here once the content is gone). Nothing else
// of the body is taken. A namespace being deleted with no finalizer of either kind left is
// removed by the update loop, as upstream's finalize store does.
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { failIfInvalid } from "./admit.ts";
import { managerName, trackUpdate } from "./managed.ts";
import { checkTypeMeta } from "./meta.ts";
import { updateObject } from "./update-loop.ts";

export async function finalizeNamespace(info: RequestInfo, rt: ResourceType, name: string, body: KubeObject, opts: WriteOptions): Promise<StoredObject> {
  checkTypeMeta(rt, body);
  if (body.metadata?.name !== undefined && body.metadata.name !== name) {
    throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  }
  const finalizers = (body.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [];
  if (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== "string")) throw errors.badRequest("spec.finalizers must be a list of strings");
  const manager = managerName(info, opts.fieldManager);
  const result = await updateObject(info, {
    rt,
    name,
    dryRun: opts.dryRun,
    precondition: body.metadata?.resourceVersion || undefined,
    mutate: (current) => {
      const old = structuredClone(current!);
      const next = current!;
      // Kept as an explicit list, even empty: the namespace strategy fills in an absent one.
      next.spec = { ...(next.spec as object), finalizers: [...new Set(finalizers as string[])] };
      failIfInvalid(rt, next, rt.strategy.validate?.(next) ?? []);
      return trackUpdate(info, rt, old, next, manager, "finalize");
    },
  });
  return result.obj;
}
