// core/v1 LimitRange: Container items default `default` from max and `defaultRequest` from
// default or min (upstream's SetDefaults_LimitRangeItem); min ≤ defaultRequest ≤ default ≤ max.
import type { LimitRange, LimitRangeItem } from "kubernetes-types/core/v1";
import { tryParseQuantity } from "../../../shared/quantity/index.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, oneOf, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";

type List = Record<string, string>;

function fill(into: List | undefined, from: List | undefined): List | undefined {
  const out: List = { ...(into ?? {}) };
  for (const [k, v] of Object.entries(from ?? {})) if (!(k in out)) out[k] = v;
  return Object.keys(out).length ? out : into;
}

export function defaultLimitRangeItem(item: LimitRangeItem) {
  if (item.type !== "Container") return;
  item.default = fill(item.default, item.max);
  item.defaultRequest = fill(fill(item.defaultRequest, item.default), item.min);
}

const order = ["min", "defaultRequest", "default", "max"] as const;

function validateItem(item: LimitRangeItem, field: string): StatusCause[] {
  const causes = oneOf(item.type, `${field}.type`, ["Container", "Pod", "PersistentVolumeClaim"]);
  if (item.type === "Pod") {
    for (const k of ["default", "defaultRequest"] as const) {
      if (item[k] && Object.keys(item[k]!).length) causes.push(cause.forbidden(`${field}.${k}`, "may not be specified when `type` is 'Pod'"));
    }
  }
  const parsed: Partial<Record<(typeof order)[number], Record<string, NonNullable<ReturnType<typeof tryParseQuantity>>>>> = {};
  for (const k of [...order, "maxLimitRequestRatio"] as const) {
    for (const [name, v] of Object.entries(item[k] ?? {})) {
      const q = tryParseQuantity(v);
      if (!q) causes.push(cause.invalid(`${field}.${k}[${name}]`, v, "must be a valid quantity, e.g. 100m, 1Gi or 2"));
      else if (k !== "maxLimitRequestRatio") (parsed[k] ??= {})[name] = q;
    }
  }
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      for (const [name, lo] of Object.entries(parsed[order[i]] ?? {})) {
        const hi = parsed[order[j]]?.[name];
        if (hi && lo.cmp(hi) > 0) {
          causes.push(cause.invalid(`${field}.${order[i]}[${name}]`, lo.toString(), `${order[i]} value ${lo} is greater than ${order[j]} value ${hi}`));
        }
      }
    }
  }
  return causes;
}

export const limitRangeStrategy: Strategy = {
  defaults(obj) {
    for (const item of (obj as LimitRange).spec?.limits ?? []) defaultLimitRangeItem(item);
  },
  validate(obj) {
    const causes = validateObjectMeta(obj, true);
    ((obj as LimitRange).spec?.limits ?? []).forEach((item, i) => causes.push(...validateItem(item, `spec.limits[${i}]`)));
    return causes;
  },
};
