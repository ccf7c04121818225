// Deleting everything in a namespace: every namespaced type that can be listed and deleted,
// each object deleted with background propagation. Objects that stay (finalizers, graceful
// pod deletion) are counted as remaining; the controller looks again later.
import type { StoredObject } from "../../../shared/api/object.ts";
import { isConflict, isMethodNotAllowed, isNotFound, type Client } from "../../../shared/client/index.ts";
import { servedTypes, type ResourceSource } from "../../../shared/controller/index.ts";

export interface ContentResult {
  /** Objects still present (being deleted, held by finalizers). */
  remaining: number;
  /** Objects deleted in this pass. */
  deleted: number;
  failures: string[];
}

export async function deleteContent(client: Client, types: ResourceSource, namespace: string): Promise<ContentResult> {
  const out: ContentResult = { remaining: 0, deleted: 0, failures: [] };
  for (const type of servedTypes(types, "list", "delete")) {
    if (!type.namespaced) continue;
    let items: StoredObject[];
    try {
      items = (await client.listAll(type, { namespace })).items;
    } catch (e) {
      if (isNotFound(e) || isMethodNotAllowed(e)) continue; // the type went away meanwhile
      out.failures.push(`list ${type.plural}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const obj of items) {
      if (obj.metadata.deletionTimestamp) {
        out.remaining++;
        continue;
      }
      try {
        const r = await client.delete<Partial<StoredObject>>(type, obj.metadata.name, { namespace, propagationPolicy: "Background", preconditions: { uid: obj.metadata.uid } });
        if (r.kind !== "Status" && r.metadata?.deletionTimestamp) out.remaining++;
        else out.deleted++;
      } catch (e) {
        if (isNotFound(e)) continue;
        if (isConflict(e)) {
          out.remaining++; // replaced under the same name: the next pass sees it
          continue;
        }
        out.failures.push(`delete ${type.plural} ${obj.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return out;
}
