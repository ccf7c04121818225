// Merging an applied configuration into the live object with SSA list semantics: list-maps merge
// items by key, sets take the union, atomic lists and atomic maps are replaced, null removes.
// Shared items follow the configuration's order; live-only items keep their relative places.
import { fieldOf, type Field } from "../schema/index.ts";
import { clone, has, isObj, setOwn, type Obj } from "../json-value.ts";
import { listItems, type ListItems } from "./items.ts";
import { fieldToken } from "./path.ts";

/** Returns a new object: `live` with `config` merged in. Malformed config lists are 400. */
export function mergeApplied(live: Obj, config: Obj, type: string | undefined): Obj {
  return mergeObject(clone(live), config, type, []);
}

function mergeObject(live: Obj, config: Obj, type: string | undefined, path: string[]): Obj {
  for (const [key, value] of Object.entries(config)) {
    if (value === null) {
      delete live[key];
      continue;
    }
    const current = has(live, key) ? live[key] : undefined;
    setOwn(live, key, mergeValue(current, value, fieldOf(type, key), [...path, fieldToken(key)]));
  }
  return live;
}

function mergeValue(live: unknown, config: unknown, field: Field | undefined, path: string[]): unknown {
  if (isObj(config)) {
    return isObj(live) && !field?.atomic ? mergeObject(live, config, field?.type, path) : withoutNulls(config);
  }
  if (!Array.isArray(config)) return config;
  const applied = listItems(config, field, true, path);
  if (applied.kind === "atomic" || !Array.isArray(live)) return withoutNulls(config);
  const current = listItems(live, field, false, path);
  if (current.kind !== applied.kind) return withoutNulls(config);
  return mergeItems(current, applied, field, path);
}

function mergeItems(live: ListItems & { entries: [string, unknown][] }, config: ListItems & { entries: [string, unknown][] }, field: Field | undefined, path: string[]): unknown[] {
  const liveByToken = new Map(live.entries);
  const configIndex = new Map(config.entries.map(([token], i) => [token, i]));
  const out: unknown[] = [];
  let next = 0;
  const emitConfigThrough = (end: number) => {
    for (; next <= end; next++) {
      const [token, item] = config.entries[next] as [string, unknown];
      const current = liveByToken.get(token);
      const itemPath = [...path, token];
      out.push(isObj(current) && isObj(item) ? mergeObject(current, item, field?.type, itemPath) : withoutNulls(item));
    }
  };
  for (const [token, item] of live.entries) {
    const i = configIndex.get(token);
    if (i === undefined) out.push(item);
    else if (i >= next) emitConfigThrough(i);
  }
  emitConfigThrough(config.entries.length - 1);
  return out;
}

/** A deep copy without null-valued object keys (a null in an applied object means "absent"). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null) setOwn(out, key, withoutNulls(v));
  }
  return out;
}
