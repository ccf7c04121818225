// The server's end of the agents' tunnels: one WebSocket per node, opened by the agent and
// authenticated as that node. A stream for a pod goes to the tunnel of the pod's node; a node
// that reconnects replaces its old tunnel (whose streams fail).

import { StatusError } from "../../shared/api/errors.ts";
import type { Logger } from "../../shared/log.ts";
import { TunnelMux, type TunnelStream } from "../../shared/streams/tunnel/mux.ts";
import type { OpenRequest } from "../../shared/streams/tunnel/types.ts";
import { SocketWriter, Upgrader, type Socket, type SocketHandler } from "./websocket.ts";

interface AgentTunnel {
  ws: Socket;
  mux: TunnelMux;
  since: Date;
}

export class TunnelHub {
  readonly upgrader = new Upgrader();
  private readonly agents = new Map<string, AgentTunnel>();
  private readonly changed = new Set<() => void>();

  constructor(private readonly log: Logger) {}

  /** Take over an (authenticated) agent's request as its tunnel; false if it is no WebSocket upgrade. */
  acceptAgent(req: Request, node: string): boolean {
    let tunnel: AgentTunnel | undefined;
    const handler: SocketHandler = {
      open: (ws) => {
        const writer = new SocketWriter(ws);
        const mux = new TunnelMux({ send: (f) => writer.send(f) });
        handler.drain = () => writer.release();
        tunnel = { ws, mux, since: new Date() };
        const old = this.agents.get(node);
        this.agents.set(node, tunnel);
        if (old) old.ws.close(4001, "replaced by a newer tunnel from the same node");
        this.log("agent tunnel open", { node });
        this.notify();
      },
      message: (ws, data, binary) => {
        if (!binary) return ws.close(1003, "the tunnel carries binary frames only");
        try {
          tunnel?.mux.receive(data);
        } catch (e) {
          this.log.level("warn")("agent tunnel: bad frame", { node, error: (e as Error).message });
          ws.close(1002, "protocol error");
        }
      },
      close: (_ws, code, reason) => {
        if (!tunnel) return;
        tunnel.mux.close({ code: 503, reason: "ServiceUnavailable", message: `error dialing backend: the tunnel of node "${node}" closed` });
        if (this.agents.get(node) === tunnel) {
          this.agents.delete(node);
          this.log("agent tunnel closed", { node, code, reason });
          this.notify();
        }
      },
    };
    return this.upgrader.upgrade(req, handler);
  }

  /** Ask a node for a stream; a 503 Status when the node has no tunnel. */
  open(node: string, request: OpenRequest): TunnelStream {
    const t = this.agents.get(node);
    if (!t) throw noTunnel(node);
    return t.mux.open(request);
  }

  connected(node: string): boolean {
    return this.agents.has(node);
  }

  /** Resolves once `node` has a tunnel (tests, and callers that may wait for an agent). */
  whenConnected(node: string, timeoutMs = 10_000): Promise<void> {
    if (this.connected(node)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.connected(node)) return;
        clearTimeout(timer);
        this.changed.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.changed.delete(check);
        reject(new Error(`node "${node}" opened no tunnel within ${timeoutMs} ms`));
      }, timeoutMs);
      this.changed.add(check);
    });
  }

  /** Close every tunnel (server shutdown). */
  close(): void {
    for (const t of this.agents.values()) t.ws.close(1001, "server stopping");
  }

  private notify() {
    for (const f of [...this.changed]) f();
  }
}

export function noTunnel(node: string): StatusError {
  return new StatusError(503, "ServiceUnavailable", `error dialing backend: node "${node}" has no tunnel to the server (is its agent running?)`);
}
