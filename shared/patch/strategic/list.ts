// Merging of lists whose field has `patchStrategy: merge`: objects by merge key, primitives as a
// deduplicated union. `$patch: delete` items remove matches, `$patch: replace` replaces the list.
import type { Field } from "../schema/index.ts";
import { has, isObj, type Obj } from "../json-value.ts";
import { PATCH } from "./directives.ts";
import { smpErrors } from "./errors.ts";
import { mergeMap } from "./map.ts";
import { normalizeOrder, type Identity } from "./order.ts";

type ElementKind = "object" | "primitive" | "none";

/** Whether a list holds objects or primitives; mixed lists are 400, lists of lists 422. */
export function elementKind(items: unknown[], field: string): ElementKind {
  let kind: ElementKind = "none";
  for (const item of items) {
    if (Array.isArray(item)) throw smpErrors.listOfLists(field);
    const k: ElementKind = isObj(item) ? "object" : "primitive";
    if (kind !== "none" && kind !== k) throw smpErrors.mixedElements(field);
    kind = k;
  }
  return kind;
}

/** How items of a merge list are matched: by merge key for objects, by value for primitives. */
export function identityFor(field: Field, kind: ElementKind): Identity {
  const key = field.mergeKey;
  if (kind === "object" && key !== undefined) return (item) => (isObj(item) && has(item, key) ? item[key] : undefined);
  return (item) => item;
}

/** Merges a patch list into a live list of a merge-strategy field. Mutates neither input list. */
export function mergeList(original: unknown[], patch: unknown[], field: Field, name: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return [];
  const kind = elementKind([...original, ...patch], name);
  if (kind !== "object") {
    const merged = [...new Set([...original, ...patch])];
    return normalizeOrder(merged, patch, original, identityFor(field, kind));
  }
  const key = field.mergeKey;
  if (key === undefined) throw smpErrors.noMergeKeyDeclared(name);
  return mergeObjects(original, patch, key, field, name);
}

function mergeObjects(original: unknown[], patch: unknown[], key: string, field: Field, name: string): unknown[] {
  const sameKey = (item: unknown, value: unknown) => isObj(item) && has(item, key) && item[key] === value;
  let live = [...original];
  const data: Obj[] = [];
  let replace = false;
  for (const item of patch) {
    if (!isObj(item)) throw smpErrors.badElement(name, "map", item);
    if (!has(item, PATCH)) {
      data.push(item);
      continue;
    }
    const { [PATCH]: directive, ...rest } = item;
    if (directive === "delete") {
      if (!has(item, key)) throw smpErrors.noMergeKey(item, key);
      live = live.filter((x) => !sameKey(x, item[key]));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      // Merging is what a list of this kind does anyway; keep any data the item carries.
      if (Object.keys(rest).length > 0) data.push(rest);
    } else {
      throw smpErrors.badPatchType(directive, item);
    }
  }
  for (const item of data) {
    if (!has(item, key)) throw smpErrors.noMergeKey(item, key);
  }
  const id = identityFor(field, "object");
  if (replace) return data.map((item) => mergeMap({}, item, field.type));

  const base = [...live];
  for (const item of data) {
    const i = live.findIndex((x) => sameKey(x, item[key]));
    if (i >= 0) live[i] = mergeMap(live[i] as Obj, item, field.type);
    else live.push(mergeMap({}, item, field.type));
  }
  return normalizeOrder(live, data, base, id);
}

