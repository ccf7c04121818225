// Table-driven decoding of one protobuf message into the JSON object Go's encoding/json would produce.
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import type { CompiledField, CompiledMessage, Scalar, TypeRef } from "./schema.ts";
import { decodeSpecial } from "./specials.ts";
import { malformed } from "./wire-error.ts";

export type JsonObject = Record<string, unknown>;

/** Tables nest far less than this; the limit only guards against pathological input. */
const MAX_DEPTH = 64;

/** Decodes `bytes` as `msg`. Unknown fields are skipped; malformed input throws a 400 StatusError. */
export function decodeMessage(bytes: Uint8Array, msg: CompiledMessage, depth = 0): JsonObject {
  const out: JsonObject = {};
  mergeInto(out, bytes, msg, depth);
  return out;
}

function mergeInto(out: JsonObject, bytes: Uint8Array, msg: CompiledMessage, depth: number): void {
  if (depth > MAX_DEPTH) throw malformed(`messages nest deeper than ${MAX_DEPTH} levels`);
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    const field = msg.fields.get(no);
    if (field) readField(r, wt, field, msg, out, depth);
    else r.skip(wt, no);
  }
}

function readField(r: BinaryReader, wt: WireType, f: CompiledField, msg: CompiledMessage, out: JsonObject, depth: number) {
  const where = `${msg.name}.${f.json || "(inline)"} (field ${f.no})`;
  if (f.map) {
    expectWire(wt, WireType.LengthDelimited, where);
    const [key, value] = readMapEntry(r.bytes(), f, where, depth);
    if (value !== undefined) setKey(objectAt(out, f.json), key, value);
    return;
  }
  if (f.repeated) {
    const list = arrayAt(out, f.json);
    if (f.type.kind === "scalar" && wt === WireType.LengthDelimited && packable(f.type.scalar)) {
      const packed = new BinaryReader(r.bytes());
      while (packed.pos < packed.len) list.push(readScalar(packed, f.type.scalar));
      return;
    }
    const value = readValue(r, wt, f.type, where, depth);
    if (value !== undefined) list.push(value);
    return;
  }
  if (f.type.kind === "message") {
    expectWire(wt, WireType.LengthDelimited, where);
    const bytes = r.bytes();
    if (f.inline) mergeInto(out, bytes, f.type.message, depth + 1);
    else mergeInto(objectAt(out, f.json), bytes, f.type.message, depth + 1);
    return;
  }
  const value = readValue(r, wt, f.type, where, depth);
  if (value === undefined || (f.type.kind === "scalar" && !f.keepZero && isZero(value))) delete out[f.json];
  else out[f.json] = value;
}

function readValue(r: BinaryReader, wt: WireType, type: TypeRef, where: string, depth: number): unknown {
  switch (type.kind) {
    case "scalar":
      expectWire(wt, wireOf(type.scalar), where);
      return readScalar(r, type.scalar);
    case "special":
      expectWire(wt, WireType.LengthDelimited, where);
      return decodeSpecial(type.special, r.bytes());
    case "message":
      expectWire(wt, WireType.LengthDelimited, where);
      return decodeMessage(r.bytes(), type.message, depth + 1);
  }
}

function readMapEntry(bytes: Uint8Array, f: CompiledField, where: string, depth: number): [string, unknown] {
  const r = new BinaryReader(bytes);
  let key = "";
  let value: unknown = zeroOf(f.type, depth);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) {
      expectWire(wt, WireType.LengthDelimited, `${where} map key`);
      key = r.string();
    } else if (no === 2) value = readValue(r, wt, f.type, `${where}[${JSON.stringify(key)}]`, depth);
    else r.skip(wt, no);
  }
  return [key, value];
}

/** The value a map entry without field 2 decodes to in Go. */
function zeroOf(type: TypeRef, depth: number): unknown {
  if (type.kind === "scalar") return type.scalar === "string" || type.scalar === "bytes" ? "" : type.scalar === "bool" ? false : 0;
  if (type.kind === "message") return decodeMessage(new Uint8Array(0), type.message, depth + 1);
  return decodeSpecial(type.special, new Uint8Array(0));
}

function readScalar(r: BinaryReader, scalar: Scalar): unknown {
  switch (scalar) {
    case "string":
      return r.string();
    case "bytes":
      return Buffer.from(r.bytes()).toString("base64");
    case "int32":
      return r.int32();
    case "int64":
      return Number(r.int64());
    case "bool":
      return r.bool();
    case "double": {
      const d = r.double();
      if (!Number.isFinite(d)) throw malformed(`a double is ${d}, which JSON cannot carry`);
      return d;
    }
  }
}

function wireOf(scalar: Scalar): WireType {
  if (scalar === "string" || scalar === "bytes") return WireType.LengthDelimited;
  return scalar === "double" ? WireType.Bit64 : WireType.Varint;
}

function packable(scalar: Scalar): boolean {
  return scalar !== "string" && scalar !== "bytes";
}

function expectWire(actual: WireType, expected: WireType, where: string): void {
  if (actual !== expected) throw malformed(`${where} has wire type ${actual}, expected ${expected}`);
}

function isZero(v: unknown): boolean {
  return v === "" || v === 0 || v === false;
}

function objectAt(out: JsonObject, key: string): JsonObject {
  const existing = out[key];
  if (existing !== null && typeof existing === "object" && !Array.isArray(existing)) return existing as JsonObject;
  const created: JsonObject = {};
  out[key] = created;
  return created;
}

function arrayAt(out: JsonObject, key: string): unknown[] {
  const existing = out[key];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = [];
  out[key] = created;
  return created;
}

/** Map keys come from the wire: "__proto__" must become an own property, not a prototype. */
function setKey(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
