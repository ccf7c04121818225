// A tiny protobuf writer for tests: nested [fieldNumber, value] lists become wire bytes via BinaryWriter.
// Strings, bytes and nested lists are length-delimited; numbers, bigints and booleans are varints
// (negative numbers sign-extend to 10 bytes, as Go's int32/int64 do).
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { MAGIC } from "./envelope.ts";

export type WireValue = string | number | bigint | boolean | Uint8Array | WireFields;
export type WireFields = ReadonlyArray<readonly [number, WireValue]>;

export function encode(fields: WireFields): Uint8Array {
  const w = new BinaryWriter();
  for (const [no, v] of fields) {
    if (typeof v === "string") w.tag(no, WireType.LengthDelimited).string(v);
    else if (typeof v === "boolean") w.tag(no, WireType.Varint).bool(v);
    else if (typeof v === "number" || typeof v === "bigint") w.tag(no, WireType.Varint).int64(v);
    else if (v instanceof Uint8Array) w.tag(no, WireType.LengthDelimited).bytes(v);
    else w.tag(no, WireType.LengthDelimited).bytes(encode(v));
  }
  return w.finish();
}

/** One map entry {1 key, 2 value}, to be used as a repeated field value. */
export function entry(key: string, value: WireValue): WireFields {
  return [
    [1, key],
    [2, value],
  ];
}

/** A full request body: magic + runtime.Unknown{TypeMeta, raw, contentEncoding "", contentType ""}. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array | WireFields): Uint8Array {
  const unknown = encode([
    [
      1,
      [
        [1, apiVersion],
        [2, kind],
      ],
    ],
    [2, raw instanceof Uint8Array ? raw : encode(raw)],
    [3, ""],
    [4, ""],
  ]);
  const body = new Uint8Array(MAGIC.length + unknown.length);
  body.set(MAGIC, 0);
  body.set(unknown, MAGIC.length);
  return body;
}
