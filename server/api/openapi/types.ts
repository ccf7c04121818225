// The type check every write passes before it is stored: an object against its kind's OpenAPI
// schema. Typed clients (kubectl, informers, controllers) cannot decode an object whose field has
// the wrong JSON type, and a list holding it then fails for everyone. Built-in kinds fail as
// upstream's decoding does (400 naming the Go field and type); custom resources as its schema
// validation does (422 with causes), with the structural schema's value checks (enum, bounds,
// pattern, lengths, item and property counts, required). Schemas compile once into nodes (per
// built-in type name, per CRD schema object); a walk that finds nothing allocates next to nothing.
// One file past 300 lines on purpose: compiling, walking and wording share the node type.
import { errors, type StatusCause } from "../../../shared/api/errors.ts";
import { isPlainObject } from "../../../shared/api/object.ts";
import { customResourceSchema } from "./crd.ts";
import { META, type Schema } from "./dsl.ts";
import { builtinPackage } from "./names.ts";
import { builtinSchemas } from "./schemas/index.ts";

/** Objects and arrays nested deeper than this are refused (400), whatever the schema says. */
export const MAX_DEPTH = 100;
/** A custom resource's 422 lists at most this many causes. */
const MAX_CAUSES = 100;

// JSON kinds, as bits: what a node accepts.
const STR = 1, INT = 2, NUM = 4, BOOL = 8, OBJ = 16, ARR = 32, ANY = 63;
const NO_FORMAT = 0, BYTE = 1, DATE_TIME = 2, DATE = 3;
const INT64_MAX = 2 ** 63 - 1024; // the largest double below 2^63: JSON writes bigger ones out of int64 range
const INT32: [number, number] = [-(2 ** 31), 2 ** 31 - 1];

interface Rules {
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  pattern?: RegExp;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
}

interface Node {
  accept: number;
  /** Inclusive range of the integers accepted. */
  lo: number;
  hi: number;
  format: number;
  props: Map<string, Node> | undefined;
  /** Schema of map values (additionalProperties); unknown fields are only checked for depth. */
  values: Node | undefined;
  items: Node | undefined;
  /** Compiled from a CRD schema: null only where nullable, integers as int64 whatever the format. */
  crd: boolean;
  nullable: boolean;
  /** Full schema name of a named built-in type, "" otherwise. */
  name: string;
  rules: Rules | undefined;
}

const blank = (crd: boolean, name = ""): Node => ({
  accept: ANY, lo: -INT64_MAX, hi: INT64_MAX, format: NO_FORMAT, props: undefined, values: undefined, items: undefined, crd, nullable: false, name, rules: undefined,
});

/** Any value; only its depth is checked. */
const FREE = blank(false);

const REF = "#/components/schemas/";
const builtinNodes = new Map<string, Node>();
const crdNodes = new WeakMap<object, Node>();

function named(name: string): Node {
  let n = builtinNodes.get(name);
  if (n) return n;
  n = blank(false, name);
  builtinNodes.set(name, n); // before filling: types may refer to themselves
  const schema = builtinSchemas().get(name);
  if (schema) fill(n, schema, false);
  return n;
}

function compile(s: unknown, crd: boolean): Node {
  if (!isPlainObject(s)) return FREE;
  if (typeof s.$ref === "string") return s.$ref.startsWith(REF) ? named(s.$ref.slice(REF.length)) : FREE;
  const all = s.allOf;
  if (Array.isArray(all) && all.length === 1 && s.type === undefined && s.properties === undefined) return compile(all[0], crd);
  const n = blank(crd);
  fill(n, s, crd);
  return n;
}

const TYPES: Record<string, number> = { string: STR, integer: INT, number: INT | NUM, boolean: BOOL, object: OBJ, array: ARR };

function fill(n: Node, s: Schema, crd: boolean) {
  n.nullable = s.nullable === true;
  if (s["x-kubernetes-int-or-string"] === true || s.format === "int-or-string") {
    n.accept = STR | INT;
    if (!crd) [n.lo, n.hi] = INT32; // intstr.IntOrString holds an int32
  } else if (Array.isArray(s.oneOf) && s.type === undefined && !crd) {
    n.accept = (s.oneOf as Schema[]).reduce((a, o) => a | (TYPES[o.type as string] ?? ANY), 0) || ANY; // resource.Quantity
  } else if (typeof s.type === "string" && TYPES[s.type]) {
    n.accept = TYPES[s.type]!;
    if (s.type === "integer" && s.format === "int32" && !crd) [n.lo, n.hi] = INT32;
    if (s.type === "string") n.format = s.format === "byte" ? BYTE : s.format === "date-time" ? DATE_TIME : s.format === "date" && crd ? DATE : NO_FORMAT;
  }
  if (isPlainObject(s.items)) n.items = compile(s.items, crd);
  if (isPlainObject(s.properties)) {
    n.props = new Map();
    for (const [k, v] of Object.entries(s.properties)) n.props.set(k, compile(v, crd));
  }
  if (s["x-kubernetes-embedded-resource"] === true) {
    n.props ??= new Map();
    for (const k of ["apiVersion", "kind"]) if (!n.props.has(k)) n.props.set(k, { ...blank(crd), accept: STR });
    if (!n.props.has("metadata")) n.props.set("metadata", named(`${META}.ObjectMeta`));
  }
  if (isPlainObject(s.additionalProperties)) n.values = compile(s.additionalProperties, crd);
  if (crd) n.rules = rulesOf(s);
}

function rulesOf(s: Schema): Rules | undefined {
  const r: Rules = {};
  for (const k of ["minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] as const) {
    const x = s[k];
    if (typeof x === "number") r[k] = x;
  }
  if (s.exclusiveMinimum === true) r.exclusiveMinimum = true;
  if (s.exclusiveMaximum === true) r.exclusiveMaximum = true;
  if (Array.isArray(s.enum) && s.enum.length) r.enum = s.enum;
  if (Array.isArray(s.required) && s.required.length) r.required = (s.required as unknown[]).filter((x): x is string => typeof x === "string");
  if (typeof s.pattern === "string") r.pattern = regexp(s.pattern);
  return Object.keys(r).length ? r : undefined;
}

/** Go's RE2 and JavaScript agree on the patterns CRDs use; one JavaScript cannot read is not checked. */
function regexp(p: string): RegExp | undefined {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(p, flags);
    } catch {}
  }
  return undefined;
}

/** The kind being written: a built-in type by group, version and kind, or a custom resource by its schema. */
export interface TypeTarget {
  kind: string;
  group: string;
  version: string;
  crdSchema?: Record<string, unknown>;
}

function rootOf(t: TypeTarget): Node {
  if (!t.crdSchema) return named(`${builtinPackage(t.group, t.version)}.${t.kind}`);
  let n = crdNodes.get(t.crdSchema);
  if (!n) crdNodes.set(t.crdSchema, (n = compile(customResourceSchema(t.crdSchema), true)));
  return n;
}

/** Throws 400 (a built-in kind: the first wrong type, as a decoding error names it) or 422 (a custom
 * resource: every schema violation as a cause). Objects nested deeper than MAX_DEPTH are a 400.
 * Null fields a custom resource's schema does not mark nullable are dropped, as upstream prunes them.
 * On update, a value equal to the one stored at the same path is not judged again (upstream's
 * ratcheting of CRD validation): an object stored before a schema got stricter stays writable. */
export function checkTypes(t: TypeTarget, obj: unknown, old?: unknown): void {
  const w = new Walk(t, false, old);
  walk(w, rootOf(t), obj, 0);
  if (w.causes.length) throw errors.invalid(t.kind, t.group, nameOf(obj), w.causes);
}

/** Every problem as `path: message`, changing nothing (for tests and the API fuzz test). */
export function typeProblems(t: TypeTarget, obj: unknown): string[] {
  const w = new Walk(t, true);
  walk(w, rootOf(t), obj, 0);
  return w.out;
}

const nameOf = (obj: unknown) => {
  const name = isPlainObject(obj) && isPlainObject(obj.metadata) ? obj.metadata.name : undefined;
  return typeof name === "string" ? name : "";
};

/** One walk's state: the path as parallel stacks (segment, and the node whose property it is). */
class Walk {
  readonly segs: (string | number)[] = [];
  readonly owners: (Node | undefined)[] = [];
  readonly causes: StatusCause[] = [];
  readonly out: string[] = [];
  constructor(readonly t: TypeTarget, readonly report: boolean, readonly old?: unknown) {}

  path(limit = Infinity): string {
    let p = "";
    for (let i = 0; i < this.segs.length && i < limit; i++) {
      const s = this.segs[i]!;
      p += typeof s === "number" ? `[${s}]` : p ? `.${s}` : s;
    }
    return this.segs.length > limit ? `${p}…` : p;
  }

  /** A failure at the current path: a cause for a custom resource, a decoding error for a built-in
   * kind, which stops at the first as Go's decoder does. */
  fail(c: StatusCause, goMessage: () => string, v: unknown) {
    if (this.unchanged(v)) return;
    const crd = !!this.t.crdSchema;
    if (this.report) return void this.out.push(crd ? `${c.field}: ${c.message}` : `${c.field}: ${goMessage()}`);
    if (!crd) throw errors.badRequest(`${this.t.kind} in version "${this.t.version}" cannot be handled as a ${this.t.kind}: ${goMessage()}`);
    if (this.causes.length < MAX_CAUSES) this.causes.push(c);
  }

  /** The stored version holds the same value at the current path. */
  unchanged(v: unknown): boolean {
    if (this.old === undefined) return false;
    let o: unknown = this.old;
    for (const s of this.segs) {
      if (o === null || typeof o !== "object") return false;
      o = (o as Record<string, unknown>)[s];
    }
    return Bun.deepEquals(o, v);
  }

  /** Go's view of the path: `PodSpec.spec.terminationGracePeriodSeconds` (fields only, innermost struct first). */
  goField(): string {
    let struct = this.t.kind;
    let field = "";
    for (let i = 0; i < this.segs.length; i++) {
      const owner = this.owners[i];
      if (!owner) continue;
      field += field ? `.${this.segs[i]}` : this.segs[i];
      if (owner.name) struct = owner.name.slice(owner.name.lastIndexOf(".") + 1);
    }
    return `${struct}.${field}`;
  }

  typeError(n: Node, v: unknown) {
    const field = this.path();
    const got = v === null ? "null" : typeof v === "number" ? (Number.isInteger(v) && Math.abs(v) <= INT64_MAX ? "integer" : "number") : jsonKind(v);
    const want = wantOf(n);
    this.fail(
      { reason: "FieldValueTypeInvalid", field, message: `Invalid value: "${got}": ${field} in body must be of type ${want}: "${got}"` },
      () => `json: cannot unmarshal ${goValue(n, v)} into Go struct field ${this.goField()} of type ${goType(n)}`,
      v,
    );
  }

  formatError(n: Node, v: string) {
    const field = this.path();
    const want = ["", "byte", "date-time", "date"][n.format]!;
    const shown = JSON.stringify(v.length > 64 ? `${v.slice(0, 64)}…` : v);
    this.fail(
      { reason: "FieldValueTypeInvalid", field, message: `Invalid value: ${shown}: ${field} in body must be of type ${want}: ${shown}` },
      () => n.format === BYTE
        ? `illegal base64 data in Go struct field ${this.goField()} of type ${goType(n)}`
        : `parsing time ${shown} as "2006-01-02T15:04:05Z07:00" for Go struct field ${this.goField()} of type ${goType(n)}: not an RFC 3339 time`,
      v,
    );
  }

  /** A value check of a CRD schema failed; `message` gets the field path. */
  rule(v: unknown, reason: string, message: (field: string) => string) {
    const field = this.path();
    const m = message(field);
    this.fail({ reason, field, message: m }, () => `${field}: ${m}`, v);
  }

  /** `Invalid value: 12: spec.size in body should be less than or equal to 10` (`shown` for a count). */
  invalid(v: unknown, detail: string, shown: unknown = v) {
    this.rule(v, "FieldValueInvalid", (field) => `Invalid value: ${shownValue(shown)}: ${field} in body ${detail}`);
  }

  tooDeep() {
    const message = `${this.t.kind} in version "${this.t.version}" cannot be handled as a ${this.t.kind}: the object nests deeper than ${MAX_DEPTH} levels (at ${this.path(8)})`;
    if (this.report) return void this.out.push(message);
    throw errors.badRequest(message);
  }
}

const jsonKind = (v: unknown) => (Array.isArray(v) ? "array" : typeof v === "boolean" ? "boolean" : typeof v);
const shownValue = (v: unknown) => {
  const s = typeof v === "object" && v !== null ? jsonKind(v) : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};
const goValue = (n: Node, v: unknown) =>
  typeof v === "number" ? (n.accept & INT ? `number ${JSON.stringify(v)}` : "number") : typeof v === "boolean" ? "bool" : jsonKind(v);

function wantOf(n: Node): string {
  const words = [[INT, "integer"], [NUM, "number"], [STR, "string"], [BOOL, "boolean"], [OBJ, "object"], [ARR, "array"]] as const;
  if ((n.accept & (INT | NUM)) === (INT | NUM)) return words.filter(([b]) => b !== INT && n.accept & b).map(([, w]) => w).join(",");
  return words.filter(([b]) => n.accept & b).map(([, w]) => w).join(",");
}

/** The Go type a node decodes into: `v1.PodSpec`, `[]v1.Container`, `map[string]string`, `int32`. */
function goType(n: Node, depth = 0): string {
  if (n.name) return n.name.split(".").slice(-2).join(".");
  const inner = (c: Node | undefined) => (c && depth < 8 ? goType(c, depth + 1) : "interface {}");
  switch (n.accept) {
    case STR: return n.format === BYTE ? "[]uint8" : "string";
    case INT: return n.lo === INT32[0] ? "int32" : "int64";
    case INT | NUM: return "float64";
    case BOOL: return "bool";
    case ARR: return `[]${inner(n.items)}`;
    case OBJ: return `map[string]${inner(n.values)}`;
    default: return "interface {}";
  }
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE_TIME_LOOSE_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function validDate(m: RegExpExecArray | null): boolean {
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (m[4] === undefined) return true;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60 && (m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60));
}

function formatOk(n: Node, s: string): boolean {
  switch (n.format) {
    case BYTE: return s.length % 4 === 0 && BASE64_RE.test(s);
    case DATE_TIME: return validDate((n.crd ? DATE_TIME_LOOSE_RE : DATE_TIME_RE).exec(s));
    case DATE: return validDate(DATE_RE.exec(s));
    default: return true;
  }
}

function walk(w: Walk, n: Node, v: unknown, d: number): void {
  if (v === undefined) return; // a field the server's code left unset: JSON leaves it out
  if (v === null) {
    if (n.crd && !n.nullable && n.accept !== ANY) w.typeError(n, null);
    return;
  }
  let k: number;
  switch (typeof v) {
    case "string": k = STR; break;
    case "boolean": k = BOOL; break;
    case "number": k = Number.isInteger(v) && v >= n.lo && v <= n.hi ? INT : NUM; break;
    default: k = Array.isArray(v) ? ARR : OBJ;
  }
  if (!(n.accept & k)) return w.typeError(n, v);
  if (k === STR) {
    if (n.format && !formatOk(n, v as string)) w.formatError(n, v as string);
  } else if (k === ARR || k === OBJ) {
    if (d >= MAX_DEPTH) return w.tooDeep();
    if (k === ARR) walkArray(w, n, v as unknown[], d);
    else walkObject(w, n, v as Record<string, unknown>, d);
  }
  if (n.rules) checkRules(w, n.rules, v, k);
}

function walkArray(w: Walk, n: Node, a: unknown[], d: number) {
  const items = n.items ?? FREE;
  for (let i = 0; i < a.length; i++) {
    const c = a[i];
    if (items === FREE && (c === null || typeof c !== "object")) continue;
    w.segs.push(i);
    w.owners.push(undefined);
    walk(w, items, c, d + 1);
    w.segs.pop();
    w.owners.pop();
  }
}

function walkObject(w: Walk, n: Node, o: Record<string, unknown>, d: number) {
  const props = n.props;
  for (const key in o) {
    const c = o[key];
    const p = props?.get(key);
    const child = p ?? n.values ?? FREE;
    if (child === FREE && (c === null || typeof c !== "object")) continue;
    if (c === null && p && p.crd && !p.nullable && p.accept !== ANY) {
      if (!w.report) delete o[key]; // upstream prunes non-nullable nulls of custom resources
      continue;
    }
    w.segs.push(key);
    w.owners.push(p ? n : undefined);
    walk(w, child, c, d + 1);
    w.segs.pop();
    w.owners.pop();
  }
}

function checkRules(w: Walk, r: Rules, v: unknown, k: number) {
  if (r.enum && !r.enum.some((e) => e === v || (typeof e === "object" && e !== null && JSON.stringify(e) === JSON.stringify(v)))) {
    const allowed = r.enum.map((e) => shownValue(e)).join(", ");
    w.rule(v, "FieldValueNotSupported", () => `Unsupported value: ${shownValue(v)}: supported values: ${allowed}`);
  }
  if (k === INT || k === NUM) {
    const x = v as number;
    if (r.minimum !== undefined && (r.exclusiveMinimum ? x <= r.minimum : x < r.minimum)) w.invalid(x, `should be greater than ${r.exclusiveMinimum ? "" : "or equal to "}${r.minimum}`);
    if (r.maximum !== undefined && (r.exclusiveMaximum ? x >= r.maximum : x > r.maximum)) w.invalid(x, `should be less than ${r.exclusiveMaximum ? "" : "or equal to "}${r.maximum}`);
    if (r.multipleOf && !Number.isInteger(x / r.multipleOf)) w.invalid(x, `should be a multiple of ${r.multipleOf}`);
  } else if (k === STR) {
    const s = v as string;
    // Lengths count characters (runes), never more than UTF-16 units: count them only when it matters.
    const count = s.length > (r.maxLength ?? Infinity) || s.length < 2 * (r.minLength ?? 0);
    const runes = count ? [...s].length : s.length;
    if (r.maxLength !== undefined && runes > r.maxLength) w.rule(s, "FieldValueTooLong", () => `Too long: may not be more than ${r.maxLength} bytes`);
    if (r.minLength !== undefined && runes < r.minLength) w.invalid(s, `should be at least ${r.minLength} chars long`);
    if (r.pattern && !r.pattern.test(s)) w.invalid(s, `should match '${r.pattern.source}'`);
  } else if (k === ARR) {
    const len = (v as unknown[]).length;
    if (r.maxItems !== undefined && len > r.maxItems) w.rule(v, "FieldValueTooMany", () => `Too many: ${len}: must have at most ${r.maxItems} items`);
    if (r.minItems !== undefined && len < r.minItems) w.invalid(v, `should have at least ${r.minItems} items`, len);
  } else if (k === OBJ) {
    const o = v as Record<string, unknown>;
    if (r.maxProperties !== undefined || r.minProperties !== undefined) {
      let count = 0;
      for (const _ in o) count++;
      if (r.maxProperties !== undefined && count > r.maxProperties) w.rule(o, "FieldValueTooMany", () => `Too many: ${count}: must have at most ${r.maxProperties} items`);
      if (r.minProperties !== undefined && count < r.minProperties) w.invalid(o, `should have at least ${r.minProperties} properties`, count);
    }
    for (const f of r.required ?? []) {
      if (Object.hasOwn(o, f)) continue;
      w.segs.push(f);
      w.owners.push(undefined);
      w.rule(undefined, "FieldValueRequired", () => "Required value");
      w.segs.pop();
      w.owners.pop();
    }
  }
}
