// The one place where results and errors become HTTP responses.
import { StatusError, errors } from "../../shared/api/errors.ts";

export function json(body: unknown, status = 200, headers?: Headers, contentType = "application/json"): Response {
  return jsonText(JSON.stringify(body), status, headers, contentType);
}

/** A body that is JSON text already. */
export function jsonText(text: string, status = 200, headers?: Headers, contentType = "application/json"): Response {
  const h = new Headers(headers);
  h.set("content-type", contentType);
  return new Response(text, { status, headers: h });
}

export function errorResponse(e: unknown, log: (msg: string, fields?: Record<string, unknown>) => void): Response {
  let err: StatusError;
  if (e instanceof StatusError) err = e;
  else {
    log("internal error", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    err = errors.internal(e instanceof Error ? e.message : String(e));
  }
  const h = new Headers();
  if (err.code === 429 && err.details?.retryAfterSeconds) h.set("retry-after", String(err.details.retryAfterSeconds));
  return json(err.toStatus(), err.code, h);
}

/** A Warning header; characters outside printable ASCII (e.g. from a client's field names) are escaped. */
export function warn(headers: Headers, message: string) {
  const text = JSON.stringify(message).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  headers.append("warning", `299 - ${text}`);
}
