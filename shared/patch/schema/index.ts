// Lookup over the schema table. Unknown types fall back to generic behaviour: objects merge
// key by key and lists are atomic; every root still gets ObjectMeta for `metadata`.
import { coreTypes } from "./core.ts";
import { metaTypes, objectRoot } from "./meta.ts";
import type { Field, SchemaTable, TypeSchema } from "./types.ts";
import { workloadTypes } from "./workloads.ts";

export type { Field, ListKind, TypeSchema } from "./types.ts";
export { listKindOf } from "./types.ts";

/** Root type used for objects of kinds the table does not know. */
export const GENERIC_ROOT = "$Object";

const table: SchemaTable = { ...metaTypes, ...coreTypes, ...workloadTypes };

/** Kinds (root types): the entries built on `objectRoot`. */
const kinds = new Set(Object.keys(table).filter((name) => table[name]?.metadata === objectRoot.metadata));

table[GENERIC_ROOT] = { ...objectRoot };

export function hasStrategicSchema(typeName: string): boolean {
  return kinds.has(typeName);
}

/** The schema of a named type, the generic root for unknown kinds passed as roots. */
export function typeSchema(typeName: string | undefined): TypeSchema | undefined {
  if (typeName === undefined) return undefined;
  return Object.hasOwn(table, typeName) ? table[typeName] : undefined;
}

/** Schema of a root object: its kind's table entry, or the generic root. */
export function rootType(typeName: string | undefined): string {
  return typeName !== undefined && kinds.has(typeName) ? typeName : GENERIC_ROOT;
}

export function fieldOf(typeName: string | undefined, field: string): Field | undefined {
  const t = typeSchema(typeName);
  return t && Object.hasOwn(t, field) ? t[field] : undefined;
}
