// Field selectors (`?fieldSelector=spec.nodeName=n1,status.phase!=Running`): terms joined by
// commas (AND), operators `=`, `==`, `!=`, values escaped with `\,` `\=` `\\`.
import { errors } from "../api/errors.ts";

export type FieldOp = "=" | "==" | "!=";

export interface FieldTerm {
  field: string;
  op: FieldOp;
  /** Unescaped. */
  value: string;
}

/** Split on commas that are not escaped; the backslashes stay for unescapeValue. */
function splitTerms(s: string): string[] {
  if (s === "") return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === "\\") inSlash = true;
    else if (c === ",") {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const operators: FieldOp[] = ["!=", "==", "="];

/** The first operator occurrence splits the term; the left side has no escaping. */
function splitTerm(term: string): [string, FieldOp, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of operators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== "\\" && c !== "," && c !== "=") {
        throw errors.badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === "\\") {
      inSlash = true;
    } else if (c === "," || c === "=") {
      // Upstream prints the rune as a number here.
      throw errors.badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw errors.badRequest("invalid field selector: invalid escape sequence: \\");
  return out;
}

/** Escape a value for the string form (the inverse of unescaping). */
export function escapeFieldValue(v: string): string {
  return v.replace(/[\\,=]/g, (c) => "\\" + c);
}

/** Parse `?fieldSelector=`; empty terms are skipped. Bad syntax → 400 BadRequest. */
export function parseFieldSelector(selector: string): FieldTerm[] {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (!split) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, raw] = split;
    terms.push({ field, op, value: unescapeValue(raw) });
  }
  return terms;
}

export function fieldSelectorToString(terms: readonly FieldTerm[]): string {
  return terms.map((t) => `${t.field}${t.op}${escapeFieldValue(t.value)}`).join(",");
}

/** 400 `field label not supported: <f>` for the first term whose field is not in `supported`. */
export function checkFieldSelector(terms: readonly FieldTerm[], supported: (field: string) => boolean): void {
  for (const t of terms) {
    if (!supported(t.field)) throw errors.badRequest(`field label not supported: ${t.field}`);
  }
}

/** All terms hold. A field the getter does not know reads as "" (as upstream's fields.Set). */
export function matchFields(terms: readonly FieldTerm[], get: (field: string) => string | undefined): boolean {
  return terms.every((t) => {
    const actual = get(t.field) ?? "";
    return t.op === "!=" ? actual !== t.value : actual === t.value;
  });
}

/** The value a field must equal (`f=v` / `f==v`), if the selector demands one. */
export function requiresExactField(terms: readonly FieldTerm[], field: string): string | undefined {
  return terms.find((t) => t.field === field && t.op !== "!=")?.value;
}

export type FieldGetters<T> = Record<string, (obj: T) => string | undefined>;

/**
 * Parse, check against the supported fields and return a predicate: the whole path from a
 * query string to "does this object match". Errors are 400 BadRequest.
 */
export function compileFieldSelector<T>(selector: string, getters: FieldGetters<T>): (obj: T) => boolean {
  const terms = parseFieldSelector(selector);
  checkFieldSelector(terms, (f) => Object.hasOwn(getters, f));
  if (terms.length === 0) return () => true;
  return (obj) => matchFields(terms, (f) => getters[f](obj));
}
