// Server-side apply (`application/apply-patch+yaml`): merge the applied configuration into the
// live object, drop what this manager applied before but no longer does (unless someone else owns
// it), refuse to change fields other managers own (409) unless forced, and record ownership.
import { errors } from "../../api/errors.ts";
import { GENERIC_ROOT, typeSchema } from "../schema/index.ts";
import { deepEqual, isObj, type Obj } from "../json-value.ts";
import { compare, type Comparison } from "./compare.ts";
import { conflictError, type Conflict } from "./conflict.ts";
import { toFieldSet } from "./fieldset.ts";
import { filterIgnored, ignoredSet } from "./ignore.ts";
import { decodeManaged, encodeManaged, managerId, withManagedFields, withoutManagedFields, type Managed } from "./managed.ts";
import { mergeApplied } from "./merge.ts";
import { prune } from "./prune.ts";

export interface ApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  live: object | undefined;
  /** The applied configuration (the request body). */
  applied: object;
  /** `?fieldManager=`; required. */
  manager: string;
  /** `?force=true` takes the conflicting fields from their owners. */
  force: boolean;
  /** Kind for the schema table ("Deployment"); defaults to `applied.kind`. */
  typeName?: string;
  /** The request's group/version, recorded in the managedFields entry. */
  apiVersion: string;
  /** RFC 3339 time recorded for this manager. */
  now: string;
  subresource?: string;
  /** Paths no manager owns through this endpoint, e.g. [["status"]] on the main resource. */
  resetFields?: string[][];
}

/** Returns the merged object with updated metadata.managedFields; throws 400 or 409 (conflicts). */
export function serverSideApply(o: ApplyOptions): Obj {
  if (!isObj(o.applied)) throw errors.badRequest("apply patch must be a YAML or JSON object");
  if (!o.manager) throw errors.badRequest("fieldManager is required for apply requests");
  const meta = o.applied.metadata;
  if (isObj(meta) && Array.isArray(meta.managedFields) && meta.managedFields.length > 0) {
    throw errors.badRequest("metadata.managedFields must be nil");
  }
  const type = resolveType(o.typeName ?? o.applied.kind);
  const reset = o.resetFields ?? [];
  const live = isObj(o.live) ? withoutManagedFields(o.live) : {};
  const config = withoutManagedFields(o.applied);
  const managers = decodeManaged(isObj(o.live) ? o.live : undefined);

  const me: Managed = { manager: o.manager, operation: "Apply", apiVersion: o.apiVersion, set: filterIgnored(toFieldSet(config, type, true), reset) };
  if (o.subresource) me.subresource = o.subresource;
  const id = managerId(me);
  const previous = managers.get(id);
  managers.delete(id);
  const others = [...managers.values()];

  const merged = mergeApplied(live, config, type);
  if (previous) {
    const owned = others.reduce((acc, m) => acc.union(m.set), me.set.union(ignoredSet(reset)));
    prune(merged, previous.set, owned, type);
  }

  const diff = changes(live, merged, type, reset);
  const touched = diff.added.union(diff.modified);
  const conflicts: Conflict[] = others
    .map((owner) => ({ owner, fields: owner.set.intersection(touched) }))
    .filter((c) => !c.fields.isEmpty());
  if (conflicts.length > 0 && !o.force) throw conflictError(conflicts);

  for (const m of others) m.set = m.set.difference(touched).difference(diff.removed);
  me.time = !previous || !deepEqual(live, merged) ? o.now : previous.time ?? o.now;
  managers.set(id, me);
  return withManagedFields(merged, encodeManaged(managers.values()));
}

/** The kind's table entry, or the generic root for kinds the table does not know. */
export function resolveType(kind: unknown): string {
  return typeof kind === "string" && typeSchema(kind) ? kind : GENERIC_ROOT;
}

/** What changed between two objects (managedFields excluded), minus the fields nobody owns. */
export function changes(before: Obj, after: Obj, type: string, reset: string[][]): Comparison {
  const c = compare(before, after, type);
  return {
    added: filterIgnored(c.added, reset),
    modified: filterIgnored(c.modified, reset),
    removed: filterIgnored(c.removed, reset),
  };
}
