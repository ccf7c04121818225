// apimachinery's small wire types that have their own JSON form:
// Time/MicroTime {1 seconds, 2 nanos}, Duration {1 nanoseconds}, IntOrString {1 type, 2 intVal, 3 strVal},
// Quantity {1 string}, FieldsV1 {1 raw JSON}, and ExtraValue-style string lists {1 repeated string}.
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { formatGoDuration } from "./go-duration.ts";
import type { Special } from "./schema.ts";
import { malformed } from "./wire-error.ts";

// Go refuses to marshal times outside years 0001..9999 (RFC 3339).
const MIN_SECONDS = -62135596800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Decodes one special message; undefined means "unset" (an empty Time, a FieldsV1 without raw bytes). */
export function decodeSpecial(special: Special, bytes: Uint8Array): unknown {
  switch (special) {
    case "Time":
      return decodeTime(bytes, false);
    case "MicroTime":
      return decodeTime(bytes, true);
    case "Duration":
      return formatGoDuration(readFields(bytes, special).int64(1) ?? 0n);
    case "IntOrString":
      return decodeIntOrString(bytes);
    case "Quantity":
      return decodeQuantity(bytes);
    case "FieldsV1":
      return decodeFieldsV1(bytes);
    case "StringList":
      return readFields(bytes, special).strings(1);
  }
}

function decodeTime(bytes: Uint8Array, micro: boolean): string | undefined {
  if (bytes.length === 0) return undefined; // metav1.Time marshals the zero time as an empty message
  const f = readFields(bytes, micro ? "MicroTime" : "Time");
  let seconds = f.int64(1) ?? 0n;
  let nanos = BigInt(f.int32(2) ?? 0);
  seconds += nanos / 1_000_000_000n - (nanos < 0n && nanos % 1_000_000_000n !== 0n ? 1n : 0n);
  nanos = ((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw malformed(`time ${seconds}s is outside years 0001-9999`);
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (!micro) return `${iso}Z`;
  return `${iso}.${String(nanos / 1000n).padStart(6, "0")}Z`;
}

function decodeIntOrString(bytes: Uint8Array): number | string {
  const f = readFields(bytes, "IntOrString");
  const type = f.int64(1) ?? 0n;
  if (type === 0n) return f.int32(2) ?? 0;
  if (type === 1n) return f.string(3) ?? "";
  throw malformed(`IntOrString type ${type} is neither 0 (int) nor 1 (string)`);
}

function decodeQuantity(bytes: Uint8Array): string {
  const text = readFields(bytes, "Quantity").string(1);
  if (text === undefined) return "0"; // the zero Quantity
  if (!QUANTITY.test(text)) throw malformed(`quantity ${JSON.stringify(text)} is not a valid quantity`);
  return text;
}

function decodeFieldsV1(bytes: Uint8Array): unknown {
  const raw = readFields(bytes, "FieldsV1").bytes(1);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw malformed("managedFields fieldsV1 is not valid JSON");
  }
}

type Value = bigint | number | string | Uint8Array;

/** Reads a small message into last-wins values per field number (repeated strings are collected). */
function readFields(bytes: Uint8Array, what: string) {
  const r = new BinaryReader(bytes);
  const values = new Map<number, Value>();
  const lists = new Map<number, string[]>();
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (wt === WireType.Varint) values.set(no, r.int64());
    else if (wt === WireType.LengthDelimited) {
      const b = r.bytes();
      values.set(no, b);
      const list = lists.get(no) ?? [];
      list.push(new TextDecoder().decode(b));
      lists.set(no, list);
    } else r.skip(wt, no);
  }
  const get = <T>(no: number, want: "varint" | "bytes"): T | undefined => {
    const v = values.get(no);
    if (v === undefined) return undefined;
    if ((typeof v === "bigint") !== (want === "varint")) throw malformed(`${what} field ${no} has the wrong wire type`);
    return v as T;
  };
  return {
    int64: (no: number) => get<bigint>(no, "varint"),
    int32: (no: number) => {
      const v = get<bigint>(no, "varint");
      return v === undefined ? undefined : Number(BigInt.asIntN(32, v));
    },
    bytes: (no: number) => get<Uint8Array>(no, "bytes"),
    string: (no: number) => {
      const b = get<Uint8Array>(no, "bytes");
      return b === undefined ? undefined : new TextDecoder().decode(b);
    },
    strings: (no: number) => {
      get(no, "bytes");
      return lists.get(no) ?? [];
    },
  };
}
