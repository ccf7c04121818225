// What changed between two versions of an object, as field sets (upstream Compare): added and
// removed subtrees contribute every path in them, changed leaves their own path. A null value
// counts as absent, and an absent `always` field as empty (Go materialises those in zero values).
import { fieldOf, type Field } from "../schema/index.ts";
import { deepEqual, has, isObj, type Obj } from "../json-value.ts";
import { subtreePaths } from "./fieldset.ts";
import { listItems } from "./items.ts";
import { fieldToken } from "./path.ts";
import { FieldSet } from "./set.ts";

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compare(before: Obj, after: Obj, type: string | undefined): Comparison {
  const out = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareObjects(before, after, type, [], out);
  return out;
}

/** Whether anything differs at all (cheaper than a full comparison). */
export function changed(c: Comparison): boolean {
  return !(c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty());
}

function compareObjects(a: Obj, b: Obj, type: string | undefined, path: string[], out: Comparison): void {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const field = fieldOf(type, key);
    const p = [...path, fieldToken(key)];
    const x = valueAt(a, key);
    const y = valueAt(b, key);
    if (x === undefined && y === undefined) continue;
    if (x === undefined) {
      if (field?.always && isContainer(y)) compareValues(emptyLike(y), y, field, p, out);
      else subtreePaths(out.added, p, y, field);
    } else if (y === undefined) {
      if (field?.always && isContainer(x)) compareValues(x, emptyLike(x), field, p, out);
      else subtreePaths(out.removed, p, x, field);
    } else {
      compareValues(x, y, field, p, out);
    }
  }
}

function valueAt(o: Obj, key: string): unknown {
  return has(o, key) && o[key] !== null ? o[key] : undefined;
}

const isContainer = (v: unknown) => isObj(v) || Array.isArray(v);
const emptyLike = (v: unknown) => (Array.isArray(v) ? [] : {});

function compareValues(x: unknown, y: unknown, field: Field | undefined, path: string[], out: Comparison): void {
  if (isObj(x) && isObj(y) && !field?.atomic) {
    compareObjects(x, y, field?.type, path, out);
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const xs = listItems(x, field, false, path);
    const ys = listItems(y, field, false, path);
    if (xs.kind !== "atomic" && ys.kind !== "atomic" && xs.kind === ys.kind) {
      compareItems(new Map(xs.entries), new Map(ys.entries), field, path, out);
      return;
    }
  }
  if (!deepEqual(x, y)) out.modified.insert(path);
}

function compareItems(xs: Map<string, unknown>, ys: Map<string, unknown>, field: Field | undefined, path: string[], out: Comparison): void {
  const itemField: Field | undefined = field?.type ? { type: field.type } : undefined;
  for (const [token, x] of xs) {
    const p = [...path, token];
    if (!ys.has(token)) subtreePaths(out.removed, p, x, itemField);
    else compareValues(x, ys.get(token), itemField, p, out);
  }
  for (const [token, y] of ys) {
    if (!xs.has(token)) subtreePaths(out.added, [...path, token], y, itemField);
  }
}
