// Small formatting helpers shared by the column printers; shapes follow upstream's output
// ("<none>" for empty label sets, comma-joined container names, "k=v" selectors).
import { isPlainObject } from "../../../shared/api/object.ts";

export type Obj = Record<string, unknown>;

/** Reads a nested field by dotted path; undefined when any step is missing. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function str(v: unknown, fallback = ""): string {
  return typeof v === "string" ? v : fallback;
}

export function num(v: unknown, fallback = 0): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

export function obj(v: unknown): Obj {
  return isPlainObject(v) ? v : {};
}

/** `a=1,b=2` sorted by key, or "<none>". */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(obj(labels)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "<none>";
  return entries.map(([k, v]) => `${k}=${String(v)}`).join(",");
}

/** A LabelSelector as a selector string (`app=web,tier in (a,b)`); "" when it selects everything. */
export function selectorString(selector: unknown): string {
  if (!isPlainObject(selector)) return "";
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries(obj(selector.matchLabels))) reqs.push([k, `${k}=${String(v)}`]);
  for (const e of arr(selector.matchExpressions)) {
    const key = str(e.key);
    const values = strings(e.values).slice().sort();
    switch (e.operator) {
      case "In":
        reqs.push([key, `${key} in (${values.join(",")})`]);
        break;
      case "NotIn":
        reqs.push([key, `${key} notin (${values.join(",")})`]);
        break;
      case "Exists":
        reqs.push([key, key]);
        break;
      case "DoesNotExist":
        reqs.push([key, `!${key}`]);
        break;
    }
  }
  reqs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return reqs.map(([, s]) => s).join(",");
}

/** Like selectorString but "<none>" for a missing or empty selector. */
export function formatLabelSelector(selector: unknown): string {
  return selectorString(selector) || "<none>";
}

/** Comma-joined container names and images of a pod template's containers. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = arr(get(podSpec, "containers"));
  return [containers.map((c) => str(c.name)).join(","), containers.map((c) => str(c.image)).join(",")];
}

/** An IntOrString as text. */
export function intOrString(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  return "";
}

/** Up to `max` items joined by ",", then " + N more...", or `empty` when there are none. */
export function listWithMore(items: string[], max: number, empty: string): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, max).join(",");
  return items.length > max ? `${shown} + ${items.length - max} more...` : shown;
}

export function boolText(v: unknown): string {
  if (typeof v !== "boolean") return "<unset>";
  return v ? "True" : "False";
}

/** The status of the first condition of `type`, or undefined. */
export function conditionStatus(conditions: unknown, type: string): string | undefined {
  const c = arr(conditions).find((x) => x.type === type);
  return c ? str(c.status) : undefined;
}
