// Field writers for the gnostic openapi_v2 messages (google/gnostic openapiv2/OpenAPIv2.proto).
// proto3: empty strings, false and zero are not written. Values of vendor extensions, defaults,
// enums and examples are `Any{yaml = 2}` holding the YAML text of the JSON value.
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import YAML from "yaml";

export { BinaryWriter };
export type Json = Record<string, unknown>;

export function str(w: BinaryWriter, no: number, v: unknown) {
  if (typeof v === "string" && v !== "") w.tag(no, WireType.LengthDelimited).string(v);
}

export function strs(w: BinaryWriter, no: number, v: unknown) {
  if (Array.isArray(v)) for (const s of v) w.tag(no, WireType.LengthDelimited).string(String(s));
}

export function bool(w: BinaryWriter, no: number, v: unknown) {
  if (v === true) w.tag(no, WireType.Varint).bool(true);
}

/** A bool in a oneof: written even when false. */
export function oneofBool(w: BinaryWriter, no: number, v: boolean) {
  w.tag(no, WireType.Varint).bool(v);
}

export function double(w: BinaryWriter, no: number, v: unknown) {
  if (typeof v === "number" && v !== 0 && Number.isFinite(v)) w.tag(no, WireType.Bit64).double(v);
}

export function int64(w: BinaryWriter, no: number, v: unknown) {
  if (typeof v === "number" && v !== 0 && Number.isSafeInteger(v)) w.tag(no, WireType.Varint).int64(v);
}

/** A nested message: `body` writes its fields. */
export function msg(w: BinaryWriter, no: number, body: () => void) {
  w.tag(no, WireType.LengthDelimited).fork();
  body();
  w.join();
}

/** A string go-yaml v2 reads back as the same string when written plain. */
const PLAIN = /^[A-Za-z][A-Za-z0-9,._/-]*$/;
/** YAML 1.1 words that would read back as booleans or null. */
const RESERVED = /^(y|yes|n|no|true|false|on|off|null)$/i;

/** YAML as kubectl reads it (go-yaml v2, YAML 1.1: "yes" and "on" must be quoted). */
export function yamlText(v: unknown): string {
  if (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return `${v}\n`;
  if (typeof v === "string" && PLAIN.test(v) && !RESERVED.test(v)) return `${v}\n`;
  const key = JSON.stringify(v);
  let text = yamlCache.get(key);
  if (text === undefined) {
    text = YAML.stringify(v, { version: "1.1", lineWidth: 0 });
    if (yamlCache.size >= 4096) yamlCache.clear();
    yamlCache.set(key, text);
  }
  return text;
}

/** The same few values (GVKs, list-map keys) recur hundreds of times. */
const yamlCache = new Map<string, string>();

/** Any{yaml = 2}. */
export function any(w: BinaryWriter, no: number, v: unknown) {
  if (v !== undefined) msg(w, no, () => str(w, 2, yamlText(v)));
}

export function anys(w: BinaryWriter, no: number, v: unknown) {
  if (Array.isArray(v)) for (const x of v) msg(w, no, () => str(w, 2, yamlText(x)));
}

/** The x-* keys of an object as repeated NamedAny{name = 1, value = 2}. */
export function vendorExtensions(w: BinaryWriter, no: number, o: Json) {
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith("x-") || v === undefined) continue;
    msg(w, no, () => {
      str(w, 1, k);
      any(w, 2, v);
    });
  }
}

/** A JSON object as repeated Named<T>{name = 1, value = 2}. */
export function named<T>(w: BinaryWriter, no: number, o: Record<string, T>, value: (v: T) => void) {
  for (const [k, v] of Object.entries(o)) {
    msg(w, no, () => {
      str(w, 1, k);
      msg(w, 2, () => value(v));
    });
  }
}

type Kind = "string" | "bool" | "double" | "int64" | "any" | "anys" | "items";

/** The validation keywords in the order PrimitivesItems and the non-body parameters number them;
 * they count up from `type` (1 in PrimitivesItems, 5 in path/header, 6 in query/formData). */
const PRIMITIVE_TAIL: [string, Kind][] = [
  ["type", "string"], ["format", "string"], ["items", "items"], ["collectionFormat", "string"], ["default", "any"],
  ["maximum", "double"], ["exclusiveMaximum", "bool"], ["minimum", "double"], ["exclusiveMinimum", "bool"],
  ["maxLength", "int64"], ["minLength", "int64"], ["pattern", "string"], ["maxItems", "int64"], ["minItems", "int64"],
  ["uniqueItems", "bool"], ["enum", "anys"], ["multipleOf", "double"],
];

/** Writes the keywords from `type` on; returns the number of vendor_extension. */
export function primitiveTail(w: BinaryWriter, o: Json, typeNo: number): number {
  PRIMITIVE_TAIL.forEach(([key, kind], i) => {
    const no = typeNo + i;
    const v = o[key];
    if (kind === "string") str(w, no, v);
    else if (kind === "bool") bool(w, no, v);
    else if (kind === "double") double(w, no, v);
    else if (kind === "int64") int64(w, no, v);
    else if (kind === "any") any(w, no, v);
    else if (kind === "anys") anys(w, no, v);
    else if (v && typeof v === "object") msg(w, no, () => primitivesItems(w, v as Json));
  });
  return typeNo + PRIMITIVE_TAIL.length;
}

/** PrimitivesItems: type = 1 … multiple_of = 17, vendor_extension = 18. */
function primitivesItems(w: BinaryWriter, o: Json) {
  vendorExtensions(w, primitiveTail(w, o, 1), o);
}
