// Kubernetes resource quantities ("500m", "1Gi", "1e3"): exact parsing, canonical printing,
// comparison and conversion to milli-units and bytes.
import { Quantity } from "./quantity.ts";
import { QuantityError } from "./scan.ts";

export { Quantity, QuantityError };
export type { Format } from "./scan.ts";

export type QuantityLike = Quantity | string | number;

const q = (v: QuantityLike): Quantity => (v instanceof Quantity ? v : Quantity.parse(v));

/** Parse; throws QuantityError with upstream's message on bad input. */
export function parseQuantity(s: string | number): Quantity {
  return Quantity.parse(s);
}

/** Parse, or undefined on bad input. */
export function tryParseQuantity(s: unknown): Quantity | undefined {
  if (typeof s !== "string" && typeof s !== "number") return undefined;
  try {
    return Quantity.parse(s);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

/** The canonical spelling: "0.5" → "500m", "1024Mi" → "1Gi". */
export function canonicalQuantity(s: QuantityLike): string {
  return q(s).toString();
}

/** -1, 0 or 1. */
export function compareQuantities(a: QuantityLike, b: QuantityLike): -1 | 0 | 1 {
  return q(a).cmp(q(b));
}

/** Thousandths, rounded up: "250m" → 250n, "1" → 1000n. */
export function toMilli(s: QuantityLike): bigint {
  return q(s).milliValue();
}

/** Whole units, rounded up: "1Ki" → 1024n, "1.5" → 2n. */
export function toBytes(s: QuantityLike): bigint {
  return q(s).value();
}
