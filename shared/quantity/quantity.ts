// Kubernetes resource.Quantity: an exact decimal (never a float) that remembers the kind of
// suffix it was written with and prints itself in upstream's canonical form.
import {
  binarySuffix, decimalSuffix, errFormatWrong, errNumeric, interpretSuffix, QuantityError, scan, type Format,
} from "./scan.ts";

export { QuantityError, type Format };

const ten = 10n;
const pow10 = (n: number): bigint => ten ** BigInt(n);
const int64Max = 2n ** 63n - 1n;
/** The smallest step a quantity keeps: values are rounded away from zero to nano. */
const nanoExp = -9;

/** Divide, rounding the magnitude up (away from zero), as upstream's inf.RoundUp does. */
function divRoundUp(v: bigint, d: bigint): bigint {
  const q = v / d;
  return q * d === v ? q : v < 0n ? q - 1n : q + 1n;
}

export class Quantity {
  /** The value is `unscaled × 10^exp`. */
  private constructor(
    readonly unscaled: bigint,
    readonly exp: number,
    readonly format: Format,
    /** The original text, kept when it already was canonical (as upstream does). */
    private readonly text?: string,
  ) {}

  static of(unscaled: bigint, exp = 0, format: Format = "DecimalSI"): Quantity {
    return new Quantity(unscaled, exp, format);
  }

  /** Parse the string form (`500m`, `1.5Gi`, `1e3`); JSON numbers are accepted too. */
  static parse(input: string | number): Quantity {
    const str = typeof input === "number" ? numberText(input) : input;
    if (str.length === 0) throw errFormatWrong();
    if (str === "0") return new Quantity(0n, 0, "DecimalSI", "0");
    const { positive, num, denom, suffix } = scan(str);
    const { base, exponent, format } = interpretSuffix(suffix);
    const sign = positive ? 1n : -1n;
    const shifted = num + denom;

    // Small values: reuse the input text when it is already in canonical form.
    let precision = -1;
    if (format !== "BinarySI") precision = 18 - shifted.length;
    else if (exponent >= 0 && denom.length === 0) precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision >= 0) {
      const scale = (base === 10 ? exponent : 0) - denom.length;
      if (scale >= nanoExp) {
        const value = BigInt(shifted);
        const mantissa = base === 2 ? 1n << BigInt(exponent) : 1n;
        const result = value * mantissa;
        if (result <= int64Max) {
          const canonical =
            format === "BinarySI"
              ? exponent % 10 === 0 && (value & 7n) !== 0n
              : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
          return new Quantity(sign * result, scale, format, canonical ? str : undefined);
        }
      }
    }

    let unscaled = sign * BigInt(shifted);
    let exp = -denom.length;
    if (base === 10) exp += exponent;
    else unscaled *= 1n << BigInt(exponent);
    if (exp < nanoExp && unscaled !== 0n) {
      unscaled = divRoundUp(unscaled, pow10(nanoExp - exp));
      exp = nanoExp;
    }
    let q = new Quantity(unscaled, exp, format);
    if (format === "BinarySI") {
      const magnitude = q.sign() < 0 ? q.neg() : q;
      if (magnitude.cmp(Quantity.of(int64Max)) > 0) {
        q = new Quantity(sign * int64Max, 0, format);
      } else if (q.cmpAbsOne() < 0 && !q.isZero()) {
        q = new Quantity(q.unscaled, q.exp, "DecimalSI");
      }
    }
    return q;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** The value scaled to 10^e as an integer, rounded away from zero. */
  scaledValue(e: number): bigint {
    const d = this.exp - e;
    return d >= 0 ? this.unscaled * pow10(d) : divRoundUp(this.unscaled, pow10(-d));
  }

  /** Whole units, rounded up (bytes for memory and storage). */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** Thousandths, rounded up (millicores for CPU). */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** A float approximation, for display and ratios only. */
  toNumber(): number {
    return Number(this.unscaled) * 10 ** this.exp;
  }

  isInteger(): boolean {
    return this.exp >= 0 || this.unscaled % pow10(-this.exp) === 0n;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    const e = Math.min(this.exp, other.exp);
    const a = this.unscaled * pow10(this.exp - e);
    const b = other.unscaled * pow10(other.exp - e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  add(other: Quantity): Quantity {
    const e = Math.min(this.exp, other.exp);
    const sum = this.unscaled * pow10(this.exp - e) + other.unscaled * pow10(other.exp - e);
    return new Quantity(sum, e, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.exp, this.format);
  }

  private cmpAbsOne(): number {
    return (this.sign() < 0 ? this.neg() : this).cmp(Quantity.of(1n));
  }

  /** The canonical string: no fraction digits, the largest suffix that loses nothing. */
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.isZero()) return "0";
    let format = this.format;
    if (format === "BinarySI") {
      const small = this.cmp(Quantity.of(-1024n)) > 0 && this.cmp(Quantity.of(1024n)) < 0;
      if (small || !this.isInteger()) format = "DecimalSI";
    }
    if (format === "BinarySI") {
      let v = this.value();
      let power = 0;
      while (power < 6 && v % 1024n === 0n) {
        v /= 1024n;
        power++;
      }
      return `${v}${binarySuffix(power)}`;
    }
    let m = this.unscaled;
    let e = this.exp;
    while (m % ten === 0n) {
      m /= ten;
      e++;
    }
    while (e % 3 !== 0) {
      m *= ten;
      e--;
    }
    return `${m}${decimalSuffix(e, format) ?? decimalSuffix(e, "DecimalExponent")}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** JSON numbers arrive as numbers: spell them the way Go's decoder hands them to the parser. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw errNumeric();
  return String(n).replace("e+", "e");
}
