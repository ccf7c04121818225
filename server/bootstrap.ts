// Objects every cluster has from its first start: the four system namespaces.
import type { ApiContext } from "./api/context.ts";
import type { StoredObject } from "../shared/api/object.ts";

const NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

function rfc3339(d: Date) {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function bootstrapObjects(ctx: ApiContext) {
  const rt = ctx.registry.lookup("", "v1", "namespaces")!;
  for (const name of NAMESPACES) {
    if (await ctx.store.get(rt, undefined, name)) continue;
    const ns = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, uid: crypto.randomUUID(), creationTimestamp: rfc3339(ctx.now()), labels: { "kubernetes.io/metadata.name": name }, resourceVersion: "" },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    } as StoredObject;
    await ctx.store.create(rt, ns);
  }
}
