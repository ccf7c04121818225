// Merging of maps (structs and string maps) key by key, following the schema for each field.
import { fieldOf, type Field } from "../schema/index.ts";
import { describe, has, isObj, jsonKind, setOwn, type Obj } from "../json-value.ts";
import { applyRetainKeys, DELETE_FROM_PRIMITIVE_LIST, directiveTarget, mapDirective, PATCH } from "./directives.ts";
import { applySetElementOrder } from "./element-order.ts";
import { smpErrors } from "./errors.ts";
import { mergeList } from "./list.ts";

/**
 * Merges `patch` into `original` (both mutated; callers pass copies) with MergeParallelList and
 * IgnoreUnmatchedNulls semantics. `type` names the Go type of the map; undefined means generic.
 */
export function mergeMap(original: Obj, patch: Obj, type: string | undefined): Obj {
  const directive = mapDirective(patch);
  if (directive === "delete") return {};
  if (directive !== undefined) delete patch[PATCH];
  if (directive === "replace") return mergeMap({}, patch, type);

  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, type);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) deleteFromPrimitiveList(original, key, value);
    else mergeField(original, key, value, fieldOf(type, key));
  }
  return original;
}

function mergeField(original: Obj, key: string, value: unknown, field: Field | undefined): void {
  if (value === null) {
    delete original[key];
    return;
  }
  const current = has(original, key) ? original[key] : undefined;
  if (current === undefined || jsonKind(current) !== jsonKind(value)) {
    setOwn(original, key, fresh(value, field, key));
  } else if (isObj(value)) {
    setOwn(original, key, mergeMap(current as Obj, value, field?.type));
  } else if (Array.isArray(value)) {
    setOwn(original, key, field?.merge ? mergeList(current as unknown[], value, field, key) : atomic(value, field));
  } else {
    setOwn(original, key, value);
  }
}

/** A patch value with nothing to merge into: directives are still honoured and removed. */
function fresh(value: unknown, field: Field | undefined, key: string): unknown {
  if (isObj(value)) return mergeMap({}, value, field?.type);
  if (Array.isArray(value)) return field?.merge ? mergeList([], value, field, key) : atomic(value, field);
  return value;
}

/** An atomic list replaces the live one; object items are cleaned of directives and nulls. */
function atomic(list: unknown[], field: Field | undefined): unknown[] {
  return list.map((item) => (isObj(item) ? mergeMap({}, item, field?.type) : item));
}

/** `$deleteFromPrimitiveList/<list>: [values]` removes those values from a primitive list. */
function deleteFromPrimitiveList(original: Obj, key: string, values: unknown): void {
  const name = directiveTarget(key, DELETE_FROM_PRIMITIVE_LIST);
  if (!Array.isArray(values)) throw smpErrors.badPrimitiveList(`${key} must be a list, got ${describe(values)}`);
  const current = has(original, name) ? original[name] : undefined;
  if (!Array.isArray(current)) return;
  const drop = new Set(values);
  original[name] = current.filter((x) => !drop.has(x));
}
