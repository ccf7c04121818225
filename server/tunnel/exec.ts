// pods/<p>/exec and pods/<p>/attach as WebSocket v5.channel.k8s.io sessions. Everything that
// can be checked before the upgrade is (pod, container, node, tunnel, options): kubectl shows
// those failures as they are. After the upgrade the node runs the session through its tunnel;
// its outcome is the one status message on channel 3, then a normal close.

import { errors } from "../../shared/api/errors.ts";
import { decodeClientMessage, encodeChannelMessage, encodeStatus, exitCodeStatus, failureStatus, offeredProtocols, successStatus, V5_PROTOCOL, type ExecStatus } from "../../shared/streams/channel.ts";
import type { TunnelStream } from "../../shared/streams/tunnel/mux.ts";
import { TunnelChannel, type OpenRequest } from "../../shared/streams/tunnel/types.ts";
import type { RequestInfo } from "../api/context.ts";
import { upgradeRequired } from "./errors.ts";
import { noTunnel, type TunnelHub } from "./hub.ts";
import { chooseContainer, loadPod, podRef, requireNode } from "./target.ts";
import { isWebSocketRequest, SocketWriter, type SocketHandler } from "./websocket.ts";

/** Queued stdin messages past which kubectl's socket is paused until the node catches up. */
const MAX_QUEUED = 8;

export async function serveExec(info: RequestInfo, hub: TunnelHub, kind: "exec" | "attach", namespace: string, name: string): Promise<Response> {
  const q = info.url.searchParams;
  const pod = await loadPod(info, namespace, name);
  const container = chooseContainer(pod, q.get("container"), "stream");
  const node = requireNode(pod);
  const flag = (k: string) => ["true", "1"].includes(q.get(k) ?? "");
  const io = { stdin: flag("stdin"), stdout: flag("stdout"), stderr: flag("stderr"), tty: flag("tty") };
  const command = q.getAll("command");
  if (kind === "exec" && command.length === 0) throw errors.badRequest("you must specify at least 1 command");
  if (!io.stdin && !io.stdout && !io.stderr) throw errors.badRequest("you must specify at least 1 of stdin, stdout, stderr");
  if (io.tty && io.stderr) io.stderr = false; // a terminal has one output stream
  if (!hub.connected(node)) throw noTunnel(node);
  const kubectl = "1.30 or newer, or 1.29 with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=true";
  if (!isWebSocketRequest(info.req)) throw upgradeRequired(`pods/${kind}`, V5_PROTOCOL, kubectl);
  const offered = offeredProtocols(info.req.headers.get("sec-websocket-protocol"));
  if (!offered.includes(V5_PROTOCOL)) throw upgradeRequired(`pods/${kind}`, V5_PROTOCOL, `${kubectl}; this client offered ${offered.join(", ") || "no subprotocol"}`);
  const request: OpenRequest = kind === "exec" ? { kind, pod: podRef(pod), container, command, ...io } : { kind, pod: podRef(pod), container, ...io };
  if (!hub.upgrader.upgrade(info.req, execSession(hub, node, request), V5_PROTOCOL)) throw errors.badRequest(`the WebSocket upgrade for pods/${kind} failed`);
  return new Response(null);
}

const CLIENT_STREAMS_GRACE_MS = 50;

function execSession(hub: TunnelHub, node: string, request: OpenRequest): SocketHandler {
  let stream: TunnelStream | undefined;
  let writer: SocketWriter | undefined;
  let closed = false;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (ws: Parameters<NonNullable<SocketHandler["open"]>>[0], step: () => Promise<void> | void) => {
    queued++;
    if (queued >= MAX_QUEUED && !ws.isPaused) ws.pause();
    chain = chain
      .then(step)
      .catch(() => {})
      .finally(() => {
        queued--;
        if (queued < MAX_QUEUED / 2 && ws.isPaused && !closed) ws.resume();
      });
  };
  // client-go starts reading frames before it has registered its streams and drops frames for
  // streams it does not know yet ("Unknown stream id 1, discarding message"); hold output back
  // until the client has spoken or a short grace period has passed.
  let clientReady!: () => void;
  const gate = new Promise<void>((resolve) => {
    clientReady = resolve;
    setTimeout(resolve, CLIENT_STREAMS_GRACE_MS);
  });
  return {
    open(ws) {
      writer = new SocketWriter(ws);
      const finish = (status: ExecStatus) =>
        void gate.then(() => {
          if (closed) return;
          ws.send(encodeStatus(status));
          ws.close(1000);
        });
      try {
        stream = hub.open(node, request);
      } catch (e) {
        return finish(failureStatus((e as Error).message));
      }
      stream.attach({
        data: async (channel, bytes) => {
          await gate;
          if (closed) return;
          writer!.send(encodeChannelMessage(channel, bytes));
          await writer!.drained();
        },
      });
      void stream.result.then((r) => {
        if (r.error) return finish(failureStatus(r.error.message, r.error.reason));
        finish(request.kind === "exec" ? exitCodeStatus(r.exitCode ?? 0) : successStatus());
      });
    },
    message(ws, data, binary) {
      const s = stream;
      clientReady();
      if (!binary || !s) return;
      let m: ReturnType<typeof decodeClientMessage>;
      try {
        m = decodeClientMessage(data);
      } catch {
        return; // upstream ignores what it cannot read
      }
      if (m.type === "stdin") enqueue(ws, () => s.write(TunnelChannel.stdin, m.data));
      else if (m.type === "resize") enqueue(ws, () => s.write(TunnelChannel.resize, new TextEncoder().encode(JSON.stringify({ Width: m.width, Height: m.height }))));
      else if (m.type === "close" && m.channel === TunnelChannel.stdin) enqueue(ws, () => s.closeChannel(TunnelChannel.stdin));
    },
    close() {
      closed = true;
      writer?.release();
      if (stream && !stream.done) stream.reset("the client closed the connection");
    },
    drain() {
      writer?.release();
    },
  };
}
