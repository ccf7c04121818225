// DELETE on a collection: every object matching the selectors, one delete each.
import type { RequestInfo } from "../context.ts";
import type { ReadOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { deleteObject, type DeleteOptions } from "./delete.ts";
import { listBody, listObjects } from "./list.ts";
import { StatusError } from "../../../shared/api/errors.ts";

export async function deleteCollection(info: RequestInfo, rt: ResourceType, namespace: string | undefined, read: ReadOptions, opts: DeleteOptions) {
  const page = await listObjects(info, rt, namespace, { ...read, limit: 0, continue: undefined, watch: false });
  const items = [];
  for (const o of page.items) {
    try {
      items.push(await deleteObject(info, rt, o.metadata.namespace, o.metadata.name, opts));
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
  return listBody(rt, { items, resourceVersion: page.resourceVersion });
}
