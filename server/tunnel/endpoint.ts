// GET /v1-kubun/tunnel: an agent opens its tunnel here, authenticated as its node by the API's
// own authenticator (node assertions included). Only nodes may; the node is the one the
// credential names, never one the request claims.

import { StatusError } from "../../shared/api/errors.ts";
import type { Logger } from "../../shared/log.ts";
import type { Authenticator } from "../api/auth.ts";
import { NODE_USER_PREFIX, NODES_GROUP } from "../api/authz.ts";
import type { User } from "../api/context.ts";
import { errorResponse } from "../api/respond.ts";
import type { TunnelHub } from "./hub.ts";
import { isWebSocketRequest } from "./websocket.ts";

export { TUNNEL_PATH } from "../../shared/streams/tunnel/types.ts";

/** The fetch handler for the tunnel path: undefined once the socket is taken over. */
export function tunnelEndpoint(opts: { hub: TunnelHub; auth: Authenticator; log: Logger }): (req: Request) => Promise<Response | undefined> {
  return async (req) => {
    try {
      const node = nodeOf(await opts.auth.authenticate(req));
      if (!isWebSocketRequest(req)) throw new StatusError(400, "BadRequest", "the node tunnel is a WebSocket: send GET with Upgrade: websocket");
      if (!opts.hub.acceptAgent(req, node)) throw new StatusError(400, "BadRequest", "the WebSocket upgrade of the node tunnel failed");
      return undefined;
    } catch (e) {
      return errorResponse(e, opts.log);
    }
  };
}

function nodeOf(user: User): string {
  const name = user.name.startsWith(NODE_USER_PREFIX) ? user.name.slice(NODE_USER_PREFIX.length) : "";
  if (!user.groups.includes(NODES_GROUP) || !name) {
    throw new StatusError(403, "Forbidden", `User "${user.name}" cannot open a node tunnel: only nodes (group ${NODES_GROUP}, user ${NODE_USER_PREFIX}<node name>) may`);
  }
  return name;
}
