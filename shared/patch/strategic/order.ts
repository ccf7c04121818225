// Ordering of merged lists, as the apiserver does it: items named by the patch (or by
// `$setElementOrder`) take the patch's order; server-only items keep their live order and are
// interleaved with them wherever both appear in the live list.

/** What identifies a list item: its merge-key value for objects, the value itself for primitives. */
export type Identity = (item: unknown) => unknown;

function positions(list: unknown[], id: Identity): Map<unknown, number> {
  const out = new Map<unknown, number>();
  list.forEach((item, i) => {
    const key = id(item);
    if (key !== undefined && !out.has(key)) out.set(key, i);
  });
  return out;
}

/** Stable sort by position in `order`; items absent from it keep their relative order at the end. */
function sortByOrder(items: unknown[], order: unknown[], id: Identity): unknown[] {
  const pos = positions(order, id);
  const rank = (item: unknown) => pos.get(id(item)) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

/**
 * Merges two sorted lists. A server-only item goes first only when both it and the next patch
 * item appear in the live list and it came earlier there; otherwise the patch item goes first.
 */
function interleave(serverOnly: unknown[], patchItems: unknown[], live: unknown[], id: Identity): unknown[] {
  const pos = positions(live, id);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) {
      out.push(serverOnly[i++]);
    } else if (i >= serverOnly.length) {
      out.push(patchItems[j++]);
    } else {
      const left = pos.get(id(serverOnly[i]));
      const right = pos.get(id(patchItems[j]));
      if (left !== undefined && right !== undefined && left < right) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/**
 * Orders `merged`: the items present in `patchOrder` follow it, the others follow `live`, and the
 * two groups are interleaved by their live positions.
 */
export function normalizeOrder(merged: unknown[], patchOrder: unknown[], live: unknown[], id: Identity): unknown[] {
  const inPatch = positions(patchOrder, id);
  const fromPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) (inPatch.has(id(item)) ? fromPatch : serverOnly).push(item);
  return interleave(sortByOrder(serverOnly, live, id), sortByOrder(fromPatch, patchOrder, id), live, id);
}
