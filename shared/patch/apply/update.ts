// Field ownership for every write that is not an apply (create, update, patch): the writer
// becomes an "Update" owner of what it added or changed, and takes those fields from others.
import { errors } from "../../api/errors.ts";
import { clone, isObj, type Obj } from "../json-value.ts";
import { changes, resolveType } from "./apply.ts";
import { decodeManaged, encodeManaged, managerId, withManagedFields, withoutManagedFields, type Managed } from "./managed.ts";
import { FieldSet } from "./set.ts";

export interface UpdateOptions {
  /** The stored object before the write, or undefined on create. */
  old: object | undefined;
  /** The object about to be stored. */
  updated: object;
  manager: string;
  operation?: "Update";
  apiVersion: string;
  now: string;
  /** Kind for the schema table; defaults to `updated.kind`. */
  typeName?: string;
  subresource?: string;
  /** Paths no manager owns through this endpoint, e.g. [["status"]] on the main resource. */
  resetFields?: string[][];
}

/** Upstream keeps at most this many Update entries; older ones merge into "ancient-changes". */
export const MAX_UPDATE_MANAGERS = 10;

/** Returns a copy of `updated` whose metadata.managedFields records this write. */
export function recordUpdate(o: UpdateOptions): Obj {
  if (!isObj(o.updated)) throw errors.badRequest("the updated object must be a JSON object");
  const updated = clone(o.updated);
  const old = isObj(o.old) ? o.old : undefined;
  const type = resolveType(o.typeName ?? updated.kind);

  // Writers may replace managedFields through the main resource; `[{}]` resets them.
  const provided = isObj(updated.metadata) ? updated.metadata.managedFields : undefined;
  const replaced = !o.subresource && Array.isArray(provided) && provided.length > 0;
  const managers = decodeManaged(replaced ? updated : old);

  const diff = changes(withoutManagedFields(old ?? {}), withoutManagedFields(updated), type, o.resetFields ?? []);
  const touched = diff.added.union(diff.modified);
  const me: Managed = { manager: o.manager, operation: "Update", apiVersion: o.apiVersion, set: new FieldSet() };
  if (o.subresource) me.subresource = o.subresource;
  const id = managerId(me);

  for (const [key, m] of managers) {
    if (key !== id) m.set = m.set.difference(touched).difference(diff.removed);
  }
  const previous = managers.get(id);
  if (!touched.isEmpty()) {
    me.set = (previous?.set ?? new FieldSet()).difference(diff.removed).union(touched);
    me.time = o.now;
    managers.set(id, me);
  } else if (previous) {
    previous.set = previous.set.difference(diff.removed);
  }
  capUpdateManagers(managers);
  return withManagedFields(withoutManagedFields(updated), encodeManaged(managers.values()));
}

/**
 * Past MAX_UPDATE_MANAGERS Update entries, the oldest are merged (per apiVersion) into an
 * "ancient-changes" entry, the way upstream caps managedFields.
 */
function capUpdateManagers(managers: Map<string, Managed>): void {
  const updates = [...managers.entries()]
    .filter(([, m]) => m.operation === "Update")
    .sort(([, a], [, b]) => seconds(a.time) - seconds(b.time));
  let count = updates.length;
  const firstByVersion = new Map<string, string>();
  for (const [key, m] of updates) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, key);
      continue;
    }
    const bucketKey = managerId({ manager: ANCIENT, operation: "Update", apiVersion: m.apiVersion });
    let bucket = managers.get(bucketKey);
    if (!bucket) {
      const oldest = managers.get(first) as Managed;
      managers.delete(first);
      bucket = { ...oldest, manager: ANCIENT, subresource: undefined };
      managers.set(bucketKey, bucket);
    }
    bucket.set = bucket.set.union(m.set);
    bucket.time = m.time;
    managers.delete(key);
    count--;
  }
}

const ANCIENT = "ancient-changes";

function seconds(time: string | undefined): number {
  const t = time ? Date.parse(time) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
