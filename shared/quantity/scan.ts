// Splitting a quantity string into sign, digits and suffix, and what a suffix means. Mirrors
// upstream's scanner, including what it tolerates ("1.", ".5", "-" as zero).

export type Format = "DecimalExponent" | "BinarySI" | "DecimalSI";

export const splitRE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

export class QuantityError extends Error {}

export const errFormatWrong = () => new QuantityError(`quantities must match the regular expression '${splitRE}'`);
export const errNumeric = () => new QuantityError("unable to parse numeric part of quantity");
export const errSuffix = () => new QuantityError("unable to parse quantity's suffix");

export interface Scanned {
  positive: boolean;
  /** Integer digits without leading zeros ("0" when there are none). */
  num: string;
  /** Fraction digits, possibly empty. */
  denom: string;
  suffix: string;
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const suffixChars = "eEinumkKMGTP";

export function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === "-") {
    positive = false;
    pos++;
  } else if (str[0] === "+") {
    pos++;
  }
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return { positive, num: "0", denom: "", suffix: "" };

  let start = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || "0";
  if (pos >= end) return { positive, num, denom: "", suffix: "" };

  let denom = "";
  if (str[pos] === ".") {
    start = ++pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
    if (pos >= end) return { positive, num, denom, suffix: "" };
  }

  const suffixStart = pos;
  while (pos < end && suffixChars.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === "-" || str[pos] === "+")) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw errFormatWrong();
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

export interface SuffixMeaning {
  base: 2 | 10;
  exponent: number;
  format: Format;
}

const decimal: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Exponents past this are refused rather than expanded into enormous numbers. */
const maxDecimalExponent = 10000;

export function interpretSuffix(s: string): SuffixMeaning {
  if (Object.hasOwn(decimal, s)) return { base: 10, exponent: decimal[s], format: "DecimalSI" };
  if (Object.hasOwn(binary, s)) return { base: 2, exponent: binary[s], format: "BinarySI" };
  if (s.length > 1 && (s[0] === "e" || s[0] === "E") && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1));
    if (Math.abs(exponent) > maxDecimalExponent) throw errNumeric();
    return { base: 10, exponent, format: "DecimalExponent" };
  }
  throw errSuffix();
}

/** Suffix for a base-10 exponent in a format; undefined when DecimalSI has none. */
export function decimalSuffix(exponent: number, format: Format): string | undefined {
  if (format === "DecimalExponent") return exponent === 0 ? "" : `e${exponent}`;
  return Object.entries(decimal).find(([, e]) => e === exponent)?.[0];
}

/** Suffix for a power of 1024 (0 → "", 1 → "Ki", … 6 → "Ei"). */
export function binarySuffix(power: number): string {
  return power === 0 ? "" : Object.keys(binary)[power - 1];
}
