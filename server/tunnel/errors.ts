// A stream the agent refused becomes the Status kubectl shows, as upstream's API server turns a
// kubelet's error reply into one (400 stays BadRequest, 500 becomes an InternalError).

import { errors, StatusError } from "../../shared/api/errors.ts";
import { StreamError } from "../../shared/streams/tunnel/types.ts";

export function statusOf(e: unknown): unknown {
  if (!(e instanceof StreamError)) return e;
  if (e.code === 400) return errors.badRequest(e.message);
  if (e.code === 500) return errors.internal(e.message);
  return new StatusError(e.code, e.reason, e.message);
}

/** A client that cannot speak what kubun serves: the reply says what it needs. */
export function upgradeRequired(what: string, protocol: string, kubectl: string): StatusError {
  return new StatusError(400, "BadRequest", `Upgrade required: kubun serves ${what} only as a WebSocket with the subprotocol ${protocol} (kubectl ${kubectl}); SPDY upgrades are not served`);
}
