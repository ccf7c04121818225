// The Kubernetes protobuf envelope: magic "k8s\0", then runtime.Unknown
// {1: TypeMeta{1 apiVersion, 2 kind}, 2: raw object bytes, 3: contentEncoding, 4: contentType}.
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { StatusError } from "../api/errors.ts";
import { malformed } from "./wire-error.ts";

export const MAGIC = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

/** Splits a request body into its type and the raw object bytes. Throws 400 / 415 StatusErrors. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw malformed("it does not start with the Kubernetes protobuf magic 6b 38 73 00");
  }
  const r = new BinaryReader(body.subarray(MAGIC.length));
  let apiVersion = "";
  let kind = "";
  let raw: Uint8Array = new Uint8Array(0);
  let contentEncoding = "";
  let contentType = "";
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no >= 1 && no <= 4 && wt !== WireType.LengthDelimited) {
      throw malformed(`envelope field ${no} has wire type ${wt}, expected 2`);
    }
    if (no === 1) [apiVersion, kind] = readTypeMeta(r.bytes(), apiVersion, kind);
    else if (no === 2) raw = r.bytes();
    else if (no === 3) contentEncoding = r.string();
    else if (no === 4) contentType = r.string();
    else r.skip(wt, no);
  }
  if (!kind) throw malformed("the envelope names no kind");
  if (!apiVersion) throw malformed(`the envelope for kind ${kind} names no apiVersion`);
  if (contentEncoding) {
    throw new StatusError(415, "UnsupportedMediaType", `protobuf content encoding "${contentEncoding}" is not supported`);
  }
  if (contentType && contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new StatusError(415, "UnsupportedMediaType", `a protobuf envelope carrying "${contentType}" is not supported`);
  }
  return { apiVersion, kind, raw };
}

function readTypeMeta(bytes: Uint8Array, apiVersion: string, kind: string): [string, string] {
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if ((no === 1 || no === 2) && wt !== WireType.LengthDelimited) {
      throw malformed(`envelope TypeMeta field ${no} has wire type ${wt}, expected 2`);
    }
    if (no === 1) apiVersion = r.string();
    else if (no === 2) kind = r.string();
    else r.skip(wt, no);
  }
  return [apiVersion, kind];
}
