// Namespaced objects can only be created in a namespace that exists and is not terminating.
import { errors } from "../../../shared/api/errors.ts";
import type { ApiContext } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";

export async function requireNamespace(ctx: ApiContext, rt: ResourceType, namespace: string | undefined, name = "") {
  if (!rt.namespaced) return;
  if (!namespace) throw errors.badRequest(`${rt.plural} must be created in a namespace`);
  const nsType = ctx.registry.lookup("", "v1", "namespaces")!;
  const ns = await ctx.store.get(nsType, undefined, namespace);
  if (!ns) throw errors.notFound({ group: "", resource: "namespaces" }, namespace);
  if (ns.obj.metadata.deletionTimestamp || (ns.obj.status as { phase?: string } | undefined)?.phase === "Terminating") {
    throw errors.forbidden(`${rt.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}
