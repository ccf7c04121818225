// The strategic-merge-patch directives and the map-level ones that need no schema.
import { has, isObj, type Obj } from "../json-value.ts";
import { smpErrors } from "./errors.ts";

export const PATCH = "$patch";
export const RETAIN_KEYS = "$retainKeys";
export const SET_ELEMENT_ORDER = "$setElementOrder/";
export const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

/** Keys that carry a directive rather than data. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === PATCH ||
    key === RETAIN_KEYS ||
    key.startsWith(SET_ELEMENT_ORDER) ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
  );
}

/** The list field a prefixed directive key refers to; 400 when the name is empty. */
export function directiveTarget(key: string, prefix: string): string {
  const target = key.slice(prefix.length);
  if (target === "") {
    const detail = `${JSON.stringify(key)} names no list field`;
    throw prefix === SET_ELEMENT_ORDER ? smpErrors.badSetElementOrder(detail) : smpErrors.badPrimitiveList(detail);
  }
  return target;
}

/**
 * `$retainKeys: [names]`: clears the keys of `original` that are not listed, after checking that
 * every non-null key of the patch is listed. Removes the directive from the patch.
 */
export function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list) || !list.every((k) => typeof k === "string")) {
    throw smpErrors.badRetainKeys(`${RETAIN_KEYS} must be a list of field names, got ${JSON.stringify(list)}`);
  }
  const keep = new Set<string>(list);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || isDirectiveKey(key)) continue;
    if (!keep.has(key)) {
      throw smpErrors.badRetainKeys(`field ${JSON.stringify(key)} is in the patch but not in ${RETAIN_KEYS} ${JSON.stringify(list)}`);
    }
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/** What a `$patch` directive inside a map asks for. */
export type MapDirective = "replace" | "delete" | "merge";

export function mapDirective(patch: Obj): MapDirective | undefined {
  if (!has(patch, PATCH)) return undefined;
  const d = patch[PATCH];
  if (d === "replace" || d === "delete" || d === "merge") return d;
  throw smpErrors.badPatchType(d, patch);
}

/** True for list items that are directives (`{"$patch": …}`) rather than data. */
export function isDirectiveItem(item: unknown): item is Obj {
  return isObj(item) && has(item, PATCH);
}
