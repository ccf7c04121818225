// The shape of the schema table that drives strategic merge patch and server-side apply.
// Each Go type name maps to the few fields that are not "plain": nested typed structs, lists with
// a merge strategy, retainKeys fields. Everything not listed behaves generically: objects merge key
// by key, lists are atomic.
import type { JsonValue } from "../../api/object.ts";

export interface Field {
  /** Go type name of the value (a struct), or of the list's elements. */
  type?: string;
  /** SMP `patchStrategy:"merge"`: on a list of objects together with `mergeKey`, on a list of primitives alone. */
  merge?: boolean;
  /** SMP `patchMergeKey`. */
  mergeKey?: string;
  /** SMP `patchStrategy:"retainKeys"` (the `$retainKeys` directive is honoured wherever it appears). */
  retainKeys?: boolean;
  /** SSA list type when it differs from what the SMP tags imply (`+listType`). */
  listType?: "map" | "set" | "atomic";
  /** SSA `+listMapKey`s when they differ from `[mergeKey]`. */
  listMapKeys?: string[];
  /** SSA defaults for key fields an item may omit (e.g. `protocol: TCP` on ports). */
  keyDefaults?: Record<string, JsonValue>;
  /** SSA: the struct or map is owned as one unit (`+structType=atomic`, `+mapType=atomic`). */
  atomic?: boolean;
  /**
   * Present in every Go value of the parent (a non-pointer struct, or a slice without omitempty):
   * managed-fields bookkeeping never sees the field itself added or removed, only its contents.
   */
  always?: boolean;
}

export type TypeSchema = Record<string, Field>;
export type SchemaTable = Record<string, TypeSchema>;

/** How SSA treats a list field. */
export type ListKind =
  | { kind: "atomic" }
  | { kind: "set" }
  | { kind: "map"; keys: string[]; defaults: Record<string, JsonValue> };

export function listKindOf(field: Field | undefined): ListKind {
  if (!field) return { kind: "atomic" };
  if (field.listType === "atomic") return { kind: "atomic" };
  if (field.listType === "set") return { kind: "set" };
  const keys = field.listMapKeys ?? (field.mergeKey ? [field.mergeKey] : undefined);
  if (keys && (field.listType === "map" || field.merge)) {
    return { kind: "map", keys: [...keys].sort(), defaults: field.keyDefaults ?? {} };
  }
  if (field.merge) return { kind: "set" };
  return { kind: "atomic" };
}

// Shorthands that keep the tables readable.
export const struct = (type: string): Field => ({ type });
/** A non-pointer struct field (`always` present in Go zero values). */
export const value = (type: string): Field => ({ type, always: true });
export const mergeBy = (mergeKey: string, type?: string, extra: Partial<Field> = {}): Field => ({
  merge: true,
  mergeKey,
  ...(type ? { type } : {}),
  ...extra,
});
export const primitiveMerge = (): Field => ({ merge: true });
export const atomicList = (type?: string): Field => ({ listType: "atomic", ...(type ? { type } : {}) });
