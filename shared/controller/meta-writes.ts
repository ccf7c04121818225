// Metadata writes controllers share: removing a finalizer and rewriting ownerReferences. Each
// reads the live object, checks its uid, and writes a merge patch conditional on the
// resourceVersion it read, retrying on Conflict.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../api/object.ts";
import { isConflict, isNotFound, type ApiResource, type Client } from "../client/index.ts";

const ATTEMPTS = 10;

interface Target {
  resource: ApiResource;
  namespace?: string;
  name: string;
  uid: string;
}

export function targetOf(resource: ApiResource, obj: StoredObject): Target {
  return { resource, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid };
}

/**
 * Change the live object's metadata with `change` (which returns the patch's metadata, or
 * undefined for "nothing to do"). Returns false when the object is gone or was replaced.
 */
async function patchMeta(client: Client, t: Target, fieldManager: string, change: (live: StoredObject) => Record<string, unknown> | undefined): Promise<boolean> {
  for (let i = 0; ; i++) {
    let live: StoredObject;
    try {
      live = await client.get(t.resource, t.name, { namespace: t.namespace });
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
    if (live.metadata.uid !== t.uid) return false;
    const meta = change(live);
    if (!meta) return true;
    try {
      await client.patch(t.resource, t.name, { metadata: { ...meta, resourceVersion: live.metadata.resourceVersion } }, { type: "merge", namespace: t.namespace, fieldManager });
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      if (!isConflict(e) || i >= ATTEMPTS - 1) throw e;
    }
  }
}

/** Remove one finalizer (the API deletes an object being deleted once none are left). */
export function removeFinalizer(client: Client, t: Target, finalizer: string, fieldManager: string): Promise<boolean> {
  return patchMeta(client, t, fieldManager, (live) => {
    const all = live.metadata.finalizers ?? [];
    if (!all.includes(finalizer)) return undefined;
    const rest = all.filter((f) => f !== finalizer);
    return { finalizers: rest.length ? rest : null };
  });
}

/** Rewrite ownerReferences with `change`; unchanged references write nothing. */
export function updateOwnerReferences(client: Client, t: Target, fieldManager: string, change: (refs: OwnerReference[]) => OwnerReference[]): Promise<boolean> {
  return patchMeta(client, t, fieldManager, (live) => {
    const refs = (live.metadata.ownerReferences ?? []) as OwnerReference[];
    const next = change(refs);
    if (JSON.stringify(next) === JSON.stringify(refs)) return undefined;
    return { ownerReferences: next.length ? next : null };
  });
}
