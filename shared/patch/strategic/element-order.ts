// `$setElementOrder/<list>`: the final order of the items the patch names. The list is merged
// first, then patch-named items follow the directive and server-only items keep their places.
import { fieldOf } from "../schema/index.ts";
import { describe, has, isObj, type Obj } from "../json-value.ts";
import { directiveTarget, isDirectiveItem, SET_ELEMENT_ORDER } from "./directives.ts";
import { smpErrors } from "./errors.ts";
import { elementKind, identityFor, mergeList } from "./list.ts";
import { normalizeOrder, type Identity } from "./order.ts";

/** Handles every `$setElementOrder/…` key of `patch`, removing it and the list it orders. */
export function applySetElementOrder(original: Obj, patch: Obj, type: string | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const name = directiveTarget(key, SET_ELEMENT_ORDER);
    if (!Array.isArray(order)) throw smpErrors.badSetElementOrder(`${key} must be a list, got ${describe(order)}`);

    const field = fieldOf(type, name);
    const patchList = has(patch, name) ? patch[name] : undefined;
    // A null (delete) or a non-list value is left to the ordinary merge; only merge lists keep an order.
    if (patchList !== undefined && !Array.isArray(patchList)) continue;
    if (!field?.merge) continue;
    const live = has(original, name) && Array.isArray(original[name]) ? (original[name] as unknown[]) : undefined;
    if (live === undefined && patchList === undefined) continue;

    const kind = elementKind([...(live ?? []), ...(patchList ?? []).filter((x) => !isDirectiveItem(x)), ...order], name);
    const id = identityFor(field, kind);
    if (kind === "object") {
      if (field.mergeKey === undefined) throw smpErrors.noMergeKeyDeclared(name);
      checkKeys(order, patchList ?? [], field.mergeKey, key);
    }
    checkOrder(patchList ?? [], order, id, key);

    const merged = patchList === undefined ? live ?? [] : mergeList(live ?? [], patchList, field, name);
    original[name] = normalizeOrder(merged, order, live ?? [], id);
    delete patch[name];
  }
}

function checkKeys(order: unknown[], patchList: unknown[], mergeKey: string, key: string): void {
  for (const item of order) {
    if (!isObj(item) || !has(item, mergeKey)) {
      throw smpErrors.badSetElementOrder(`${key}: item ${describe(item)} does not contain the merge key ${mergeKey}`);
    }
  }
  for (const item of patchList) {
    if (isObj(item) && !isDirectiveItem(item) && !has(item, mergeKey)) throw smpErrors.noMergeKey(item, mergeKey);
  }
}

/** The patch's own items must appear in the directive, in the same relative order. */
function checkOrder(patchList: unknown[], order: unknown[], id: Identity, key: string): void {
  const items = patchList.filter((x) => !isDirectiveItem(x));
  let k = 0;
  for (const item of items) {
    const v = id(item);
    while (k < order.length && id(order[k]) !== v) k++;
    if (k >= order.length) {
      throw smpErrors.badSetElementOrder(
        `the order in the patch list ${describe(items)} does not match ${key} ${describe(order)}`,
      );
    }
    k++;
  }
}
