// Every decoding failure is a 400 StatusError; this keeps the messages uniform.
import { errors, StatusError } from "../api/errors.ts";

/** A 400 for a body that is not valid Kubernetes protobuf. */
export function malformed(detail: string): StatusError {
  return errors.badRequest(`the protobuf request body is malformed: ${detail}`);
}

/** Turns whatever a decoding step threw into a StatusError (StatusErrors pass through). */
export function asStatusError(e: unknown): StatusError {
  if (e instanceof StatusError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return malformed(detail);
}
