// Non-2xx answers become the one error type, StatusError, carrying the server's Status
// (code, reason, details). Bodies that are not a Status get a reason derived from the code.
import { StatusError, type Status } from "../api/errors.ts";

const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  410: "Expired",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  501: "NotImplemented",
  503: "ServiceUnavailable",
  504: "Timeout",
};

function isStatus(v: unknown): v is Status {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "Status";
}

export function statusErrorFrom(status: Status, httpCode?: number): StatusError {
  const code = status.code || httpCode || 500;
  return new StatusError(code, status.reason || REASONS[code] || "Unknown", status.message ?? "", status.details);
}

export async function errorFromResponse(res: Response): Promise<StatusError> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text);
    if (isStatus(body)) return statusErrorFrom(body, res.status);
  } catch {}
  const message = text.trim() || `the server responded with ${res.status} ${res.statusText}`.trim();
  return new StatusError(res.status, REASONS[res.status] ?? "Unknown", message);
}

const is = (code: number, reason?: string) => (e: unknown): e is StatusError =>
  e instanceof StatusError && e.code === code && (reason === undefined || e.reason === reason);

export const isNotFound = is(404);
export const isAlreadyExists = is(409, "AlreadyExists");
export const isConflict = is(409, "Conflict");
export const isGone = is(410);
export const isInvalid = is(422);
export const isForbidden = is(403);
export const isMethodNotAllowed = is(405);

export { StatusError };
