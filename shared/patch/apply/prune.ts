// Removal of what an applier stopped applying: a field, list item or map key goes when the
// applier's previous set had it and no manager (the applier's new set included) still owns it
// or anything under it.
import { fieldOf, type Field } from "../schema/index.ts";
import { isObj, type Obj } from "../json-value.ts";
import { listItems } from "./items.ts";
import { fieldToken } from "./path.ts";
import type { FieldSet } from "./set.ts";

/** Mutates `obj`: drops the nodes present in `last` but absent from `owned`. */
export function prune(obj: Obj, last: FieldSet, owned: FieldSet, type: string | undefined): void {
  pruneObject(obj, last, owned, type);
}

function pruneObject(obj: Obj, last: FieldSet, owned: FieldSet, type: string | undefined): void {
  for (const key of Object.keys(obj)) {
    const token = fieldToken(key);
    const lastChild = last.children.get(token);
    if (!lastChild) continue;
    const ownedChild = owned.children.get(token);
    if (!ownedChild) delete obj[key];
    else obj[key] = pruneValue(obj[key], lastChild, ownedChild, fieldOf(type, key));
  }
}

function pruneValue(value: unknown, last: FieldSet, owned: FieldSet, field: Field | undefined): unknown {
  if (isObj(value)) {
    if (!field?.atomic) pruneObject(value, last, owned, field?.type);
    return value;
  }
  if (!Array.isArray(value)) return value;
  const items = listItems(value, field, false, []);
  if (items.kind === "atomic") return value;
  const out: unknown[] = [];
  for (const [token, item] of items.entries) {
    const lastItem = last.children.get(token);
    const ownedItem = owned.children.get(token);
    if (lastItem && !ownedItem) continue;
    if (lastItem && ownedItem && isObj(item)) pruneObject(item, lastItem, ownedItem, field?.type);
    out.push(item);
  }
  return out;
}
