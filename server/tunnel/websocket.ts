// WebSockets on Bun.serve: every upgraded socket carries its own handler as `ws.data`, so one
// `websocket` entry in Bun.serve serves agent tunnels, exec/attach sessions and port-forwards.
// Bun answers pings by itself and pings idle clients (KUBECTL_COMPAT §0.8(d)).

import type { Server, ServerWebSocket, WebSocketHandler } from "bun";

export type Socket = ServerWebSocket<SocketHandler>;

export interface SocketHandler {
  open?(ws: Socket): void;
  /** A message; `binary` is false for text frames. */
  message(ws: Socket, data: Uint8Array, binary: boolean): void;
  close?(ws: Socket, code: number, reason: string): void;
  drain?(ws: Socket): void;
}

export const websocketHandler: WebSocketHandler<SocketHandler> = {
  open: (ws) => ws.data.open?.(ws),
  message: (ws, m) => ws.data.message(ws, typeof m === "string" ? new TextEncoder().encode(m) : new Uint8Array(m.buffer, m.byteOffset, m.byteLength), typeof m !== "string"),
  close: (ws, code, reason) => ws.data.close?.(ws, code, reason),
  drain: (ws) => ws.data.drain?.(ws),
  // Frames of the tunnel and of kubectl are small (32 KiB of data at most); this bounds a bad peer.
  maxPayloadLength: 4 * 1024 * 1024,
};

/** Upgrades a request to a WebSocket served by `handler`, echoing the chosen subprotocol. */
export class Upgrader {
  private server?: Pick<Server<SocketHandler>, "upgrade">;

  /** Called once Bun.serve has returned. */
  bind(server: Pick<Server<SocketHandler>, "upgrade">): void {
    this.server = server;
  }

  upgrade(req: Request, handler: SocketHandler, protocol?: string): boolean {
    if (!this.server) return false;
    return this.server.upgrade(req, { data: handler, headers: protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined });
  }
}

/** Whether a request asks for a WebSocket. */
export function isWebSocketRequest(req: Request): boolean {
  return req.method === "GET" && (req.headers.get("upgrade") ?? "").toLowerCase() === "websocket";
}

/** Sends on a socket and tells when the socket has room again. */
export class SocketWriter {
  private waiting?: { promise: Promise<void>; resolve(): void };

  constructor(private readonly ws: Socket) {}

  send(bytes: Uint8Array): void {
    const r = this.ws.send(bytes);
    // 0: Bun dropped the message (past backpressureLimit); the byte stream is broken.
    if (r === 0 && this.ws.readyState === 1) this.ws.close(1011, "send buffer overflow");
    if (r === -1 && !this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiting = { promise, resolve };
    }
  }

  /** undefined when the socket can take more now; else resolves at its next drain or close. */
  drained(): Promise<void> | undefined {
    return this.waiting?.promise;
  }

  /** Call from the socket's drain and close handlers. */
  release(): void {
    this.waiting?.resolve();
    this.waiting = undefined;
  }
}
