// Keeps the registry in step with the stored CustomResourceDefinitions: rows appear when a CRD
// is stored (and the CRD is marked Established), and disappear with its objects on delete.
import type { StoredObject } from "../shared/api/object.ts";
import type { ApiContext } from "./api/context.ts";
import { crdRows, type Crd } from "./api/registry/crd.ts";
import { decodeKv } from "./api/storage/objects.ts";
import { collectionPrefix } from "./api/storage/keys.ts";

function rfc3339(d: Date) {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function startCrdSync(ctx: ApiContext): Promise<{ stop(): void }> {
  const rt = ctx.registry.lookup("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
  const backend = ctx.store.backend;
  const prefix = ctx.store.prefix(rt);

  const established = (o: StoredObject) =>
    ((o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");

  const markEstablished = async (crd: StoredObject & Crd) => {
    for (let i = 0; i < 5; i++) {
      const cur = await ctx.store.get(rt, undefined, crd.metadata.name);
      if (!cur || established(cur.obj)) return;
      const o = cur.obj as StoredObject & Crd;
      const now = rfc3339(ctx.now());
      o.status = {
        acceptedNames: o.spec.names,
        storedVersions: o.spec.versions.filter((v) => v.storage).map((v) => v.name),
        conditions: [
          { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found", lastTransitionTime: now },
          { type: "Established", status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted", lastTransitionTime: now },
        ],
      };
      if (await ctx.store.update(rt, o, cur.modRevision)) return;
    }
  };

  const removeObjects = async (crd: Crd) => {
    const rows = crdRows(crd);
    if (!rows.length) return;
    const p = collectionPrefix(rows[0]);
    const list = await backend.list(p);
    for (const kv of list.kvs) await backend.delete(kv.key, kv.modRevision);
  };

  const apply = (obj: StoredObject) => {
    const crd = obj as StoredObject & Crd;
    ctx.registry.setCustom(crd.metadata.name, crdRows(crd));
    if (!established(obj)) markEstablished(crd).catch((e) => ctx.log("crd status update failed", { crd: crd.metadata.name, error: String(e) }));
  };

  const page = await backend.list(prefix);
  for (const kv of page.kvs) apply(decodeKv(kv));
  const watcher = backend.watch(prefix, {
    afterRevision: page.revision,
    onEvents(events) {
      for (const ev of events) {
        const obj = decodeKv(ev.kv);
        if (ev.type === "delete") {
          ctx.registry.setCustom(obj.metadata.name, []);
          removeObjects(obj as StoredObject & Crd).catch((e) => ctx.log("crd cleanup failed", { error: String(e) }));
        } else apply(obj);
      }
    },
  });
  return { stop: () => watcher.cancel() };
}
