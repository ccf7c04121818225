// The agent's end of its tunnel: one WebSocket it opens to the server (so nodes behind NAT can
// be reached), authenticated with the node's credential, kept alive with pings and reopened
// with capped exponential backoff. Streams the server opens are served by the provider.

import type { Logger } from "../../shared/log.ts";
import { TunnelMux } from "../../shared/streams/tunnel/mux.ts";
import { TUNNEL_PATH } from "../../shared/streams/tunnel/types.ts";
import type { StreamProvider } from "./provider.ts";
import { serveStream } from "./serve.ts";

export interface TunnelClientOptions {
  /** https://HOST:PORT of the server. */
  server: string;
  /** A bearer token for each connection attempt (a fresh node assertion). */
  token(): Promise<string>;
  /** The server CA (PEM) to trust. */
  ca?: string;
  provider: StreamProvider;
  log?: Logger;
  /** Reconnect delays in ms: the first, and the cap it doubles up to. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** How often to ping; a pong later than this drops the connection. */
  keepaliveMs?: number;
}

export class TunnelClient {
  private ws?: WebSocket;
  private stopped = false;
  private failures = 0;
  private retry?: ReturnType<typeof setTimeout>;
  private keepalive?: ReturnType<typeof setInterval>;
  private late?: ReturnType<typeof setTimeout>;
  private waiters: (() => void)[] = [];
  private open = false;

  constructor(private readonly opts: TunnelClientOptions) {}

  start(): this {
    void this.connect();
    return this;
  }

  get connected(): boolean {
    return this.open;
  }

  /** Resolves once the tunnel is open (now, or after the next successful connect). */
  whenConnected(): Promise<void> {
    return this.open ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.stopKeepalive();
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((r) => ws.addEventListener("close", () => r(), { once: true }));
    ws.close(1000, "agent stopping");
    await closed;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const log = this.opts.log;
    let token: string;
    try {
      token = await this.opts.token();
    } catch (e) {
      log?.level("warn")("tunnel: no credential to connect with", { error: (e as Error).message });
      return this.reconnectLater();
    }
    if (this.stopped) return;
    const url = this.opts.server.replace(/^http/, "ws").replace(/\/+$/, "") + TUNNEL_PATH;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, tls: this.opts.ca ? { ca: this.opts.ca } : undefined });
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    const mux = new TunnelMux({
      send: (f) => ws.send(f),
      onOpen: (s) => void serveStream(s, this.opts.provider, log),
    });
    ws.onopen = () => {
      this.open = true;
      this.failures = 0;
      log?.("tunnel to the server is open", { server: this.opts.server });
      for (const w of this.waiters.splice(0)) w();
      this.startKeepalive(ws, mux);
    };
    ws.onmessage = (e) => {
      try {
        mux.receive(new Uint8Array(e.data as ArrayBuffer));
      } catch (err) {
        log?.level("warn")("tunnel: bad frame from the server", { error: (err as Error).message });
        ws.close(1002, "protocol error");
      }
    };
    ws.onerror = (e) => log?.level("debug")("tunnel: connection error", { error: (e as ErrorEvent).message });
    ws.onclose = (e) => {
      const was = this.open;
      this.open = false;
      this.stopKeepalive();
      mux.close({ code: 503, reason: "ServiceUnavailable", message: "the tunnel to the server closed" });
      if (this.stopped) return;
      if (was) log?.level("warn")("tunnel to the server closed", { code: e.code, reason: e.reason });
      this.reconnectLater();
    };
  }

  /** A ping every interval; no pong before the next one drops the connection (then reconnect). */
  private startKeepalive(ws: WebSocket, mux: TunnelMux) {
    const every = this.opts.keepaliveMs ?? 30_000;
    this.stopKeepalive();
    this.keepalive = setInterval(() => {
      if (this.late) return;
      this.late = setTimeout(() => ws.close(4000, "keepalive timeout"), every);
      void mux.ping().then(() => {
        clearTimeout(this.late);
        this.late = undefined;
      });
    }, every);
  }

  private stopKeepalive() {
    clearInterval(this.keepalive);
    clearTimeout(this.late);
    this.late = undefined;
  }

  private reconnectLater() {
    if (this.stopped) return;
    const { initialMs = 500, maxMs = 30_000 } = this.opts.backoff ?? {};
    const delay = Math.min(maxMs, initialMs * 2 ** this.failures++);
    this.retry = setTimeout(() => void this.connect(), delay * (0.5 + Math.random() / 2));
  }
}

export function startTunnel(opts: TunnelClientOptions): TunnelClient {
  return new TunnelClient(opts).start();
}
