// Semantic equality for immutability checks: JSON values compared structurally, with an absent
// field, null, an empty list and an empty map all counting as "unset" (as upstream's semantic
// DeepEqual treats nil and empty alike), and quantities compared by value.
import { tryParseQuantity } from "../../../shared/quantity/index.ts";

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v as object).length === 0;
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === "object" && typeof b === "object" && a && b) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const k of keys) if (!semanticEqual(ra[k], rb[k])) return false;
    return true;
  }
  return false;
}

/** Equal as quantities when both parse ("1000m" equals "1"), else as JSON values. */
export function quantityEqual(a: unknown, b: unknown): boolean {
  const qa = tryParseQuantity(a);
  const qb = tryParseQuantity(b);
  return qa && qb ? qa.equals(qb) : semanticEqual(a, b);
}
