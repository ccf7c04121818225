// pods/<p>/portforward as kubectl 1.31+ does it: a WebSocket with the subprotocol
// SPDY/3.1+portforward.k8s.io whose messages carry a SPDY session. Each forwarded connection
// becomes a tunnel stream to the pod's node.

import { errors } from "../../shared/api/errors.ts";
import { offeredProtocols } from "../../shared/streams/channel.ts";
import { PORT_FORWARD_WEBSOCKET_PROTOCOL, startPortForward, type PortForwardSession } from "../../shared/streams/spdy/portforward.ts";
import { tunnelDuplex } from "../../shared/streams/tunnel/duplex.ts";
import { TunnelChannel, type PodRef } from "../../shared/streams/tunnel/types.ts";
import type { RequestInfo } from "../api/context.ts";
import { upgradeRequired } from "./errors.ts";
import { noTunnel, type TunnelHub } from "./hub.ts";
import { loadPod, podRef, requireNode } from "./target.ts";
import { isWebSocketRequest, SocketWriter, type SocketHandler } from "./websocket.ts";

export async function servePortForward(info: RequestInfo, hub: TunnelHub, namespace: string, name: string): Promise<Response> {
  const pod = await loadPod(info, namespace, name);
  const node = requireNode(pod);
  if (!hub.connected(node)) throw noTunnel(node);
  const kubectl = "1.31 or newer, or 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS=true";
  if (!isWebSocketRequest(info.req)) throw upgradeRequired("pods/portforward", PORT_FORWARD_WEBSOCKET_PROTOCOL, kubectl);
  const offered = offeredProtocols(info.req.headers.get("sec-websocket-protocol"));
  if (!offered.includes(PORT_FORWARD_WEBSOCKET_PROTOCOL)) throw upgradeRequired("pods/portforward", PORT_FORWARD_WEBSOCKET_PROTOCOL, `${kubectl}; this client offered ${offered.join(", ") || "no subprotocol"}`);
  if (!hub.upgrader.upgrade(info.req, portForwardSocket(hub, node, podRef(pod)), PORT_FORWARD_WEBSOCKET_PROTOCOL)) throw errors.badRequest("the WebSocket upgrade for pods/portforward failed");
  return new Response(null);
}

function portForwardSocket(hub: TunnelHub, node: string, pod: PodRef): SocketHandler {
  let session: PortForwardSession | undefined;
  let writer: SocketWriter | undefined;
  return {
    open(ws) {
      const w = new SocketWriter(ws);
      writer = w;
      session = startPortForward({
        write: (bytes) => w.send(bytes),
        drained: () => w.drained(),
        dial: async (port) => {
          const stream = hub.open(node, { kind: "portforward", pod, port });
          await stream.ready();
          return tunnelDuplex(stream, { read: TunnelChannel.output, write: TunnelChannel.input });
        },
        describeError: (port, err) => `error forwarding port ${port} to pod ${pod.namespace}/${pod.name}, uid ${pod.uid}: ${err.message}`,
        onClose: () => ws.close(1000),
      });
    },
    message(ws, data, binary) {
      if (!binary) return ws.close(1003, "port-forward carries binary SPDY frames only");
      session?.receive(data);
    },
    close() {
      writer?.release();
      session?.close("the client closed the connection");
    },
    drain() {
      writer?.release();
    },
  };
}
