// Decoding Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf) into the JSON
// objects kubectl ≤1.31 would have sent. See /work/shared/KUBECTL_COMPAT.md §0.1.
import type { StatusError } from "../api/errors.ts";
import { decodeMessage, type JsonObject } from "./decoder.ts";
import { PROTOBUF_MEDIA_TYPE, readEnvelope } from "./envelope.ts";
import { messageForKind } from "./kinds.ts";
import { asStatusError } from "./wire-error.ts";

export { supportedProtobufKinds } from "./kinds.ts";
export { PROTOBUF_MEDIA_TYPE } from "./envelope.ts";

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The object as JSON, including apiVersion and kind. */
  object: Record<string, unknown>;
}

/** True for `application/vnd.kubernetes.protobuf` with or without parameters. */
export function isProtobufContentType(ct: string): boolean {
  return (ct.split(";", 1)[0] ?? "").trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

/**
 * Decodes a protobuf request body. Throws only StatusErrors: 400 for malformed bytes,
 * 415 for a kind kubun has no table for.
 */
export function decodeKubernetesProtobuf(body: Uint8Array): DecodedObject {
  try {
    const { apiVersion, kind, raw } = readEnvelope(body);
    const decoded: JsonObject = decodeMessage(raw, messageForKind(apiVersion, kind));
    return { apiVersion, kind, object: { kind, apiVersion, ...decoded } };
  } catch (e) {
    throw asStatusError(e) satisfies StatusError;
  }
}
