// The set of fields an applied configuration specifies (upstream ToFieldSet): every scalar,
// null and atomic value is a member, and so is every list item; objects only lead to their
// children, so an empty object or list claims nothing.
import { fieldOf, type Field } from "../schema/index.ts";
import { isObj, type Obj } from "../json-value.ts";
import { listItems } from "./items.ts";
import { fieldToken } from "./path.ts";
import { FieldSet } from "./set.ts";

/** Fields of `obj` (of Go type `type`). `strict` rejects malformed list-maps and sets with 400. */
export function toFieldSet(obj: Obj, type: string | undefined, strict: boolean): FieldSet {
  const set = new FieldSet();
  addObject(set, [], obj, type, strict);
  return set;
}

function addObject(set: FieldSet, path: string[], obj: Obj, type: string | undefined, strict: boolean): void {
  for (const [key, value] of Object.entries(obj)) {
    addValue(set, [...path, fieldToken(key)], value, fieldOf(type, key), strict);
  }
}

function addValue(set: FieldSet, path: string[], value: unknown, field: Field | undefined, strict: boolean): void {
  if (isObj(value)) {
    if (field?.atomic) set.insert(path);
    else addObject(set, path, value, field?.type, strict);
    return;
  }
  if (!Array.isArray(value)) {
    set.insert(path);
    return;
  }
  const items = listItems(value, field, strict, path);
  if (items.kind === "atomic") {
    set.insert(path);
    return;
  }
  for (const [token, item] of items.entries) {
    const itemPath = [...path, token];
    set.insert(itemPath);
    if (items.kind === "map" && isObj(item)) addObject(set, itemPath, item, field?.type, strict);
  }
}

/** Every path of `value` at and below `path`: what an added or removed subtree contributes. */
export function subtreePaths(set: FieldSet, path: string[], value: unknown, field: Field | undefined): void {
  set.insert(path);
  if (isObj(value)) {
    if (field?.atomic) return;
    for (const [key, child] of Object.entries(value)) {
      const childField = fieldOf(field?.type, key);
      subtreePaths(set, [...path, fieldToken(key)], child, childField);
    }
  } else if (Array.isArray(value)) {
    const items = listItems(value, field, false, path);
    if (items.kind === "atomic") return;
    for (const [token, item] of items.entries) {
      subtreePaths(set, [...path, token], item, field?.type ? { type: field.type } : undefined);
    }
  }
}
