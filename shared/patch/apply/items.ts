// How SSA sees a list: atomic (one leaf), a set of scalars (items named `v:`), or a list-map
// (items named `k:` by their key fields). Applied configurations must be well formed (400);
// live objects that are not (missing keys, duplicates) are treated as atomic.
import { errors } from "../../api/errors.ts";
import { listKindOf, type Field } from "../schema/index.ts";
import { describe, has, isObj } from "../json-value.ts";
import { keyToken, prettyPath, valueToken } from "./path.ts";

export type ListItems =
  | { kind: "atomic" }
  | { kind: "set" | "map"; entries: [token: string, item: unknown][] };

const ATOMIC: ListItems = { kind: "atomic" };

/** Items of `list` with their path tokens. `strict` (applied configurations) throws 400 instead of degrading. */
export function listItems(list: unknown[], field: Field | undefined, strict: boolean, path: readonly string[]): ListItems {
  const lk = listKindOf(field);
  if (lk.kind === "atomic") return ATOMIC;
  const entries: [string, unknown][] = [];
  const seen = new Set<string>();
  for (const [i, item] of list.entries()) {
    const token = lk.kind === "set" ? setToken(item) : mapToken(item, lk.keys, lk.defaults);
    if (typeof token !== "string") {
      if (!strict) return ATOMIC;
      throw badList(path, `element ${i}: ${token.problem}`);
    }
    if (seen.has(token)) {
      if (!strict) return ATOMIC;
      throw badList(path, `duplicate entries for ${lk.kind === "set" ? "value" : "key"} ${prettyPath([token])}`);
    }
    seen.add(token);
    entries.push([token, item]);
  }
  return { kind: lk.kind, entries };
}

type Problem = { problem: string };

function setToken(item: unknown): string | Problem {
  if (isObj(item) || Array.isArray(item) || item === null) {
    return { problem: `expected a scalar in a set, got ${describe(item)}` };
  }
  return valueToken(item);
}

function mapToken(item: unknown, keys: string[], defaults: Record<string, unknown>): string | Problem {
  if (!isObj(item)) return { problem: `expected an object in an associative list, got ${describe(item)}` };
  const key: Record<string, unknown> = {};
  for (const name of keys) {
    const value = has(item, name) ? item[name] : defaults[name];
    if (value === undefined || value === null) {
      return { problem: `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)` };
    }
    if (isObj(value) || Array.isArray(value)) {
      return { problem: `key field ${JSON.stringify(name)} must be a scalar, got ${describe(value)}` };
    }
    key[name] = value;
  }
  return keyToken(key);
}

function badList(path: readonly string[], detail: string) {
  return errors.badRequest(`failed to create typed patch object: ${prettyPath(path)}: ${detail}`);
}
