// metadata.managedFields in and out: entries decoded into field sets keyed like upstream's
// manager identifiers (an Apply entry ignores apiVersion, an Update entry includes it).
import type { ManagedFieldsEntry } from "kubernetes-types/meta/v1";
import { isObj, type Obj } from "../json-value.ts";
import { FieldSet } from "./set.ts";

export type Operation = "Apply" | "Update";

export interface Managed {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** Identity of a manager: the same manager through another operation or subresource is another owner. */
export function managerId(m: Pick<Managed, "manager" | "operation" | "apiVersion" | "subresource">): string {
  const version = m.operation === "Apply" ? "" : m.apiVersion;
  return JSON.stringify([m.manager, m.operation, version, m.subresource ?? ""]);
}

/** Entries of `obj.metadata.managedFields`, keyed by manager identity; malformed entries are skipped. */
export function decodeManaged(obj: Obj | undefined): Map<string, Managed> {
  const out = new Map<string, Managed>();
  const meta = obj?.metadata;
  const entries = isObj(meta) && Array.isArray(meta.managedFields) ? meta.managedFields : [];
  for (const e of entries) {
    if (!isObj(e) || typeof e.manager !== "string") continue;
    if (e.operation !== "Apply" && e.operation !== "Update") continue;
    if (e.fieldsType !== undefined && e.fieldsType !== "FieldsV1") continue;
    const m: Managed = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: typeof e.apiVersion === "string" ? e.apiVersion : "",
      set: FieldSet.fromFieldsV1(e.fieldsV1),
    };
    if (typeof e.time === "string") m.time = e.time;
    if (typeof e.subresource === "string" && e.subresource !== "") m.subresource = e.subresource;
    const id = managerId(m);
    const seen = out.get(id);
    out.set(id, seen ? { ...m, set: seen.set.union(m.set) } : m);
  }
  return out;
}

/** The managedFields list, sorted as upstream sorts it; managers owning nothing are dropped. */
export function encodeManaged(managers: Iterable<Managed>): ManagedFieldsEntry[] {
  const list = [...managers].filter((m) => !m.set.isEmpty());
  list.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? "", q.subresource ?? ""),
  );
  return list.map((m) => {
    const entry: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time !== undefined) entry.time = m.time;
    entry.fieldsType = "FieldsV1";
    entry.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) entry.subresource = m.subresource;
    return entry;
  });
}

/** `obj` with `metadata.managedFields` set to `entries` (removed when empty). Mutates `obj`. */
export function withManagedFields(obj: Obj, entries: ManagedFieldsEntry[]): Obj {
  const meta: Obj = isObj(obj.metadata) ? obj.metadata : {};
  if (entries.length > 0) meta.managedFields = entries;
  else delete meta.managedFields;
  obj.metadata = meta;
  return obj;
}

/** A copy of `obj` without managedFields: what field bookkeeping compares. */
export function withoutManagedFields(obj: Obj): Obj {
  if (!isObj(obj.metadata) || !("managedFields" in obj.metadata)) return obj;
  const { managedFields: _, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function seconds(time: string | undefined): number {
  const t = time ? Date.parse(time) : NaN;
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}
