// Streams through the API server: pods/log, exec, attach and portforward reach the pod's node
// over the tunnel its agent keeps open to the server (agent/tunnel is the other end).

import { errors } from "../../shared/api/errors.ts";
import type { RequestInfo } from "../api/context.ts";
import { serveExec } from "./exec.ts";
import type { TunnelHub } from "./hub.ts";
import { serveLog } from "./log.ts";
import { servePortForward } from "./portforward.ts";

export { TunnelHub, noTunnel } from "./hub.ts";
export { tunnelEndpoint, TUNNEL_PATH } from "./endpoint.ts";
export { websocketHandler, type SocketHandler } from "./websocket.ts";

export const POD_STREAM_SUBRESOURCES = ["log", "exec", "attach", "portforward"] as const;
export type PodStreamSubresource = (typeof POD_STREAM_SUBRESOURCES)[number];

export function isPodStreamSubresource(sub: string | undefined): sub is PodStreamSubresource {
  return (POD_STREAM_SUBRESOURCES as readonly string[]).includes(sub ?? "");
}

/** Serve pods/<name>/<sub>; `hub` is undefined where no tunnel runs (in-process test apps). */
export function servePodStream(info: RequestInfo, hub: TunnelHub | undefined, sub: PodStreamSubresource, namespace: string, name: string): Promise<Response> {
  const method = info.req.method;
  if (!hub) throw errors.notImplemented(`the ${sub} subresource of pods needs the node tunnel, which this server does not run`);
  if (sub === "log") {
    if (method !== "GET") throw errors.methodNotAllowed("the server does not allow this method on the requested resource: pods/log only accepts GET");
    return serveLog(info, hub, namespace, name);
  }
  // GET is the WebSocket handshake; POST is the SPDY upgrade, answered with what to use instead.
  if (method !== "GET" && method !== "POST") throw errors.methodNotAllowed(`the server does not allow this method on the requested resource: pods/${sub} accepts GET (WebSocket) and POST`);
  if (sub === "portforward") return servePortForward(info, hub, namespace, name);
  return serveExec(info, hub, sub, namespace, name);
}
