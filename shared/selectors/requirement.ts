// One term of a label selector (`key op values`), its validation and how it matches a label set.
// Operator spellings are upstream's `selection.Operator` values.
import { isQualifiedName, isValidLabelValue, quote } from "./syntax.ts";

export type Operator = "in" | "notin" | "=" | "==" | "!=" | "exists" | "!" | "gt" | "lt";

export const binaryOperators: Operator[] = ["in", "notin", "=", "==", "!=", "gt", "lt"];

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted for the string-parsed form; in object order for selectors built from objects. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** A syntax or validation problem in a selector; callers decide the HTTP status. */
export class SelectorError extends Error {}

/** `path: Invalid value: "v": detail`, the text of an upstream field error (path may be empty). */
export function invalidText(path: string, value: string, detail: string): string {
  return `${path ? path + ": " : ""}Invalid value: ${quote(value)}: ${detail}`;
}

export function validateLabelKey(key: string, path = ""): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalidText(path, key, errs.join("; ")) : undefined;
}

function validateLabelValue(key: string, value: string, path: string): string | undefined {
  const errs = isValidLabelValue(value);
  return errs.length ? invalidText(`${path}[${key}]`, value, errs.join("; ")) : undefined;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(s, 10, 64), or undefined. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < int64Min || v > int64Max ? undefined : v;
}

/** Build a requirement, checking the rules upstream's NewRequirement checks. Throws SelectorError. */
export function newRequirement(key: string, operator: Operator, values: string[], path = ""): Requirement {
  const errs: string[] = [];
  const child = (c: string) => (path ? `${path}.${c}` : c);
  const keyErr = validateLabelKey(key, child("key"));
  if (keyErr) errs.push(keyErr);
  const valuesPath = child("values");
  const shown = `[]string{${values.map(quote).join(", ")}}`;
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(`${valuesPath}: Invalid value: ${shown}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(`${valuesPath}: Invalid value: ${shown}: exact-match compatibility requires one single value`);
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errs.push(`${valuesPath}: Invalid value: ${shown}: values set must be empty for exists and does not exist`);
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errs.push(`${valuesPath}: Invalid value: ${shown}: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidText(`${valuesPath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default: {
      const all = [...binaryOperators, "exists", "!"].map((o) => `"${o}"`).join(", ");
      errs.push(`${child("operator")}: Unsupported value: ${quote(String(operator))}: supported values: ${all}`);
    }
  }
  values.forEach((v, i) => {
    const e = validateLabelValue(key, v, `${valuesPath}[${i}]`);
    if (e) errs.push(e);
  });
  if (errs.length === 1) throw new SelectorError(errs[0]);
  if (errs.length > 1) throw new SelectorError(`[${errs.join(", ")}]`);
  return { key, operator, values };
}

export function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels != null && Object.hasOwn(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(value!);
    case "notin":
    case "!=":
      return !has || !r.values.includes(value!);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

/** Upstream's Requirement.String(): `a=b`, `a in (x,y)`, `!a`, `a>1`. */
export function requirementToString(r: Requirement): string {
  const prefix = r.operator === "!" ? "!" : "";
  if (r.operator === "exists" || r.operator === "!") return prefix + r.key;
  const op = { "=": "=", "==": "==", "!=": "!=", in: " in ", notin: " notin ", gt: ">", lt: "<" }[r.operator];
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  return r.operator === "in" || r.operator === "notin" ? `${r.key}${op}(${vals})` : `${r.key}${op}${vals}`;
}
