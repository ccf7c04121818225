// Many streams over one tunnel connection. Frames for one stream are handled strictly in order;
// data is handed to the stream's sink, and the sender gets credit back (WINDOW) only once the
// sink has taken it, so a slow kubectl slows the container's output instead of filling memory.
// A stream's `result` always settles: with the far end's END, or with a failure when it is
// reset or the tunnel goes away.

import { decodeTunnelFrame, encodeTunnelFrame, type TunnelFrame } from "./frames.ts";
import { StreamError, type OpenRequest, type StreamFailure, type StreamResult } from "./types.ts";

/** Bytes a sender may have in flight per stream before it waits for a WINDOW. */
export const INITIAL_WINDOW = 256 * 1024;
/** Data frames carry at most this much. */
export const MAX_DATA_CHUNK = 32 * 1024;

export interface StreamSink {
  data?(channel: number, bytes: Uint8Array): void | Promise<void>;
  close?(channel: number): void | Promise<void>;
}

export interface TunnelMuxOptions {
  send(frame: Uint8Array): void;
  /** The far end opened a stream (on the agent). */
  onOpen?(stream: TunnelStream): void;
}

export class TunnelStream {
  /** The far end's result; settles after every earlier frame reached the sink. */
  readonly result: Promise<StreamResult>;
  private sink?: StreamSink;
  private backlog: TunnelFrame[] = [];
  private chain: Promise<void> = Promise.resolve();
  private credit = INITIAL_WINDOW;
  private creditWaiters: (() => void)[] = [];
  private consumed = 0;
  private finished = false;
  private settle!: (r: StreamResult) => void;
  private readyState: { done: boolean; resolve(): void; reject(e: Error): void; promise: Promise<void> };

  constructor(
    private readonly mux: TunnelMux,
    readonly id: number,
    readonly request: OpenRequest,
  ) {
    this.result = new Promise((r) => (this.settle = r));
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<void>((a, b) => ((resolve = a), (reject = b)));
    promise.catch(() => {});
    this.readyState = { done: false, resolve, reject, promise };
  }

  /** Resolves when the far end accepted the stream; rejects with a StreamError if it refused. */
  ready(): Promise<void> {
    return this.readyState.promise;
  }

  /** Tell the opener the stream is served. */
  accept(): void {
    if (!this.finished) this.mux.send({ type: "ready", id: this.id });
  }

  /** Start delivering data and channel closes, the ones that arrived meanwhile first. */
  attach(sink: StreamSink): void {
    this.sink = sink;
    for (const f of this.backlog.splice(0)) this.enqueue(f);
  }

  /** Send bytes on a channel; waits while the far end has not granted room for them. */
  async write(channel: number, bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length && !this.finished; at += MAX_DATA_CHUNK) {
      const chunk = bytes.subarray(at, at + MAX_DATA_CHUNK);
      while (this.credit < chunk.length && !this.finished) await new Promise<void>((r) => this.creditWaiters.push(r));
      if (this.finished) return;
      this.credit -= chunk.length;
      this.mux.send({ type: "data", id: this.id, channel, data: chunk });
    }
  }

  closeChannel(channel: number): void {
    if (!this.finished) this.mux.send({ type: "close", id: this.id, channel });
  }

  /** Finish the stream with a result (the agent's exit code or failure). */
  end(result: StreamResult = {}): void {
    if (this.finished) return;
    this.mux.send({ type: "end", id: this.id, result });
    this.finish(result);
  }

  /** Abandon the stream (the client went away). */
  reset(reason: string): void {
    if (this.finished) return;
    this.mux.send({ type: "reset", id: this.id, reason });
    this.finish({ error: { code: 500, reason: "InternalError", message: `stream reset: ${reason}` } });
  }

  get done(): boolean {
    return this.finished;
  }

  /** @internal */
  receive(f: TunnelFrame): void {
    if (this.finished) return;
    switch (f.type) {
      case "ready":
        this.readyState.done = true;
        this.readyState.resolve();
        return;
      case "window":
        this.credit += f.bytes;
        for (const w of this.creditWaiters.splice(0)) w();
        return;
      case "reset":
        this.finish({ error: { code: 500, reason: "InternalError", message: `stream reset by the other end: ${f.reason}` } });
        return;
      default:
        if (this.sink) this.enqueue(f);
        else if (f.type === "end" && this.backlog.length === 0) this.finish(f.result); // nothing to deliver first
        else this.backlog.push(f);
    }
  }

  /** @internal The tunnel is gone. */
  lost(failure: StreamFailure): void {
    this.finish({ error: failure });
  }

  private enqueue(f: TunnelFrame): void {
    this.chain = this.chain.then(() => this.handle(f)).catch((e) => this.reset(`the receiving end failed: ${(e as Error).message}`));
  }

  private async handle(f: TunnelFrame): Promise<void> {
    if (this.finished) return;
    if (f.type === "data") {
      await this.sink?.data?.(f.channel, f.data);
      this.consumed += f.data.length;
      if (this.consumed >= INITIAL_WINDOW / 4 && !this.finished) {
        this.mux.send({ type: "window", id: this.id, bytes: this.consumed });
        this.consumed = 0;
      }
    } else if (f.type === "close") {
      await this.sink?.close?.(f.channel);
    } else if (f.type === "end") {
      this.finish(f.result);
    }
  }

  private finish(result: StreamResult): void {
    if (this.finished) return;
    this.finished = true;
    this.backlog = [];
    this.mux.forget(this.id);
    for (const w of this.creditWaiters.splice(0)) w();
    if (!this.readyState.done) {
      this.readyState.done = true;
      const e = result.error ?? { code: 500, reason: "InternalError", message: "the stream ended before it was served" };
      this.readyState.reject(new StreamError(e.message, e.code, e.reason));
    }
    this.settle(result);
  }
}

export class TunnelMux {
  private readonly streams = new Map<number, TunnelStream>();
  private readonly pings = new Map<number, () => void>();
  private nextId = 1;
  private nextPing = 1;
  private closedWith?: StreamFailure;

  constructor(private readonly opts: TunnelMuxOptions) {}

  /** Open a stream to the far end (the server does this). */
  open(request: OpenRequest): TunnelStream {
    const id = this.nextId++;
    const s = new TunnelStream(this, id, request);
    if (this.closedWith) {
      s.lost(this.closedWith);
      return s;
    }
    this.streams.set(id, s);
    this.send({ type: "open", id, request });
    return s;
  }

  /** One message from the far end; throws TunnelProtocolError on a malformed one. */
  receive(bytes: Uint8Array): void {
    const f = decodeTunnelFrame(bytes);
    if (f.type === "ping") return this.send({ type: "pong", id: 0, data: f.data });
    if (f.type === "pong") {
      const id = f.data.length >= 4 ? new DataView(f.data.buffer, f.data.byteOffset).getUint32(0) : 0;
      this.pings.get(id)?.();
      return;
    }
    if (f.type === "open") {
      if (this.streams.has(f.id) || !this.opts.onOpen) return this.send({ type: "reset", id: f.id, reason: "stream refused" });
      const s = new TunnelStream(this, f.id, f.request);
      this.streams.set(f.id, s);
      this.opts.onOpen(s);
      return;
    }
    this.streams.get(f.id)?.receive(f);
  }

  /** Round trip to the far end; resolves on its PONG. */
  ping(): Promise<void> {
    const id = this.nextPing++ >>> 0;
    const data = new Uint8Array(4);
    new DataView(data.buffer).setUint32(0, id);
    return new Promise<void>((resolve) => {
      this.pings.set(id, () => {
        this.pings.delete(id);
        resolve();
      });
      this.send({ type: "ping", id: 0, data });
    });
  }

  /** The connection is gone: every stream fails with this, and so does every later open. */
  close(failure: StreamFailure): void {
    if (this.closedWith) return;
    this.closedWith = failure;
    for (const s of [...this.streams.values()]) s.lost(failure);
    this.pings.clear();
  }

  get size(): number {
    return this.streams.size;
  }

  /** @internal */
  send(f: TunnelFrame): void {
    if (!this.closedWith) this.opts.send(encodeTunnelFrame(f));
  }

  /** @internal */
  forget(id: number): void {
    this.streams.delete(id);
  }
}
