// Field causes beyond the shared `cause` factories, worded as upstream's field errors, and the
// small checks many kinds repeat (non-negative numbers, enums, int-or-percent).
import { cause, type StatusCause } from "../../../shared/api/errors.ts";

export { cause, type StatusCause };

/** `Required value` or `Required value: <detail>`. */
export function required(field: string, detail = ""): StatusCause {
  return { reason: "FieldValueRequired", message: detail ? `Required value: ${detail}` : "Required value", field };
}

export function notFound(field: string, value: unknown): StatusCause {
  return { reason: "FieldValueNotFound", message: `Not found: ${JSON.stringify(value)}`, field };
}

export function tooLong(field: string, max: number): StatusCause {
  return { reason: "FieldValueTooLong", message: `Too long: must have at most ${max} bytes`, field };
}

export function tooMany(field: string, actual: number, max: number): StatusCause {
  return { reason: "FieldValueTooMany", message: `Too many: ${actual}: must have at most ${max} items`, field };
}

/** One Invalid cause per message, as upstream loops over a validator's messages. */
export function invalidEach(field: string, value: unknown, messages: string[]): StatusCause[] {
  return messages.map((m) => cause.invalid(field, value, m));
}

export const isNegativeErrorMsg = "must be greater than or equal to 0";

export function nonNegative(value: unknown, field: string): StatusCause[] {
  return typeof value === "number" && value < 0 ? [cause.invalid(field, value, isNegativeErrorMsg)] : [];
}

export function positive(value: unknown, field: string): StatusCause[] {
  return typeof value === "number" && value <= 0 ? [cause.invalid(field, value, "must be greater than 0")] : [];
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** Required when empty, Unsupported when not one of `allowed`. */
export function oneOf(value: unknown, field: string, allowed: string[], requiredWhenEmpty = true): StatusCause[] {
  if (value === undefined || value === null || value === "") return requiredWhenEmpty ? [required(field)] : [];
  return allowed.includes(value as string) ? [] : [cause.notSupported(field, value, allowed)];
}

const percentRe = /^[0-9]+%$/;

/** maxUnavailable / maxSurge / minAvailable: a non-negative int or "N%". */
export function intOrPercent(value: unknown, field: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "number") return nonNegative(value, field);
  if (typeof value === "string") {
    if (!percentRe.test(value)) {
      return [cause.invalid(field, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    }
    return [];
  }
  return [cause.invalid(field, value, "must be an integer or percentage (e.g '5%')")];
}

/** The number an int-or-percent stands for, percentages of `total` rounded up or down. */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && percentRe.test(value)) {
    const v = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(v) : Math.floor(v);
  }
  return 0;
}

export function notMoreThan100Percent(value: unknown, field: string): StatusCause[] {
  if (typeof value === "string" && percentRe.test(value) && Number(value.slice(0, -1)) > 100) {
    return [cause.invalid(field, value, "must not be greater than 100%")];
  }
  return [];
}
