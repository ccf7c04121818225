// The server end of a SPDY/3.1 connection carried by some byte transport (kubectl tunnels it in
// a WebSocket). Peers open streams with SYN_STREAM; the owner accepts each with reply() or
// refuses it with reset(). PINGs from the peer are echoed, SETTINGS and WINDOW_UPDATE are
// ignored (moby/spdystream, kubectl's SPDY library, does no flow control), GOAWAY ends the
// session. Frames are handled strictly in order: header blocks share one zlib context.

import { encodeFrame, FLAG_FIN, FLAG_UNIDIRECTIONAL, RstStatus, SpdyProtocolError, type Frame } from "./frames.ts";
import { HeaderCompressor, HeaderDecompressor, type SpdyHeaders } from "./headers.ts";
import { FrameReader } from "./reader.ts";

/** Data frames are cut to this size. */
const MAX_DATA_FRAME = 32 * 1024;

export interface SpdySessionOptions {
  /** Send bytes to the peer. */
  write(bytes: Uint8Array): void;
  /** Resolves when the transport can take more (backpressure); undefined when it can now. */
  drained?(): Promise<void> | undefined;
  /** The peer opened a stream: accept it with reply() or refuse it with reset(). */
  onStream(stream: SpdyStream): void;
  /** The session is over: GOAWAY, a protocol error, or close(). */
  onClose?(reason: string): void;
}

export class SpdyStream {
  /** Data from the peer; ends at the peer's FIN, errors when the stream is reset. */
  readonly readable: ReadableStream<Uint8Array>;
  /** Resolves once the stream is finished both ways or reset. */
  readonly done: Promise<void>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private localFin: boolean;
  private remoteFin: boolean;
  private finished = false;
  private resolveDone!: () => void;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: SpdyHeaders,
    flags: number,
  ) {
    this.readable = new ReadableStream<Uint8Array>({ start: (c) => void (this.controller = c), cancel: () => {} });
    this.done = new Promise((r) => (this.resolveDone = r));
    this.localFin = (flags & FLAG_UNIDIRECTIONAL) !== 0;
    this.remoteFin = false;
    if (flags & FLAG_FIN) this.peerFin();
  }

  /** Accept the stream (SYN_REPLY); data written afterwards follows it. */
  reply(headers: SpdyHeaders = {}): void {
    if (this.finished) return;
    this.session.send(async () => encodeFrame({ type: "synReply", streamId: this.id, flags: 0, headerBlock: await this.session.compress(headers) }));
  }

  /** Send data; resolves when the transport is ready for more. */
  async write(data: Uint8Array): Promise<void> {
    if (this.localFin || this.finished) return;
    for (let at = 0; at < data.length; at += MAX_DATA_FRAME) {
      const chunk = data.subarray(at, at + MAX_DATA_FRAME);
      this.session.send(() => encodeFrame({ type: "data", streamId: this.id, flags: 0, data: chunk }));
    }
    await this.session.drained();
  }

  /** Half-close: an empty data frame with FIN. */
  end(): void {
    if (this.localFin || this.finished) return;
    this.localFin = true;
    this.session.send(() => encodeFrame({ type: "data", streamId: this.id, flags: FLAG_FIN, data: new Uint8Array() }));
    this.settle();
  }

  /** Abort the stream both ways (RST_STREAM). */
  reset(status: number = RstStatus.cancel): void {
    if (this.finished) return;
    this.session.send(() => encodeFrame({ type: "rstStream", streamId: this.id, status }));
    this.abort(new Error(`stream ${this.id} reset`));
  }

  /** True once the peer may send nothing more. */
  get peerFinished(): boolean {
    return this.remoteFin;
  }

  /** @internal */
  peerData(data: Uint8Array, fin: boolean) {
    if (this.remoteFin || this.finished) return;
    if (data.length) this.controller.enqueue(data);
    if (fin) this.peerFin();
  }

  /** @internal */
  peerFin() {
    if (this.remoteFin) return;
    this.remoteFin = true;
    this.controller.close();
    this.settle();
  }

  /** @internal The peer reset the stream, or the session ended. */
  abort(err: Error) {
    if (this.finished) return;
    this.finished = true;
    if (!this.remoteFin) this.controller.error(err);
    this.remoteFin = this.localFin = true;
    this.session.forget(this.id);
    this.resolveDone();
  }

  private settle() {
    if (!this.localFin || !this.remoteFin || this.finished) return;
    this.finished = true;
    this.session.forget(this.id);
    this.resolveDone();
  }
}

export class SpdySession {
  private readonly reader = new FrameReader();
  private readonly inflate = new HeaderDecompressor();
  private readonly deflate = new HeaderCompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private incoming: Promise<void> = Promise.resolve();
  private outgoing: Promise<void> = Promise.resolve();
  private lastPeerStream = 0;
  private closed = false;

  constructor(private readonly opts: SpdySessionOptions) {}

  /** Bytes from the peer, cut anywhere. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.reader.push(bytes);
    } catch (e) {
      return this.close(`protocol error: ${(e as Error).message}`);
    }
    for (const f of frames) this.incoming = this.incoming.then(() => (this.closed ? undefined : this.handle(f))).catch((e) => this.close(`protocol error: ${(e as Error).message}`));
  }

  /** Streams open now. */
  get size(): number {
    return this.streams.size;
  }

  /** End the session: every open stream is aborted. */
  close(reason = "closed"): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) s.abort(new Error(`SPDY session ended: ${reason}`));
    this.outgoing.finally(() => {
      this.inflate.close();
      this.deflate.close();
    });
    this.opts.onClose?.(reason);
  }

  /** @internal Queue a frame; frames go out in the order they were queued. */
  send(build: () => Uint8Array | Promise<Uint8Array>): void {
    if (this.closed) return;
    this.outgoing = this.outgoing
      .then(async () => {
        const bytes = await build();
        if (!this.closed) this.opts.write(bytes);
      })
      .catch((e) => this.close(`send failed: ${(e as Error).message}`));
  }

  /** @internal */
  compress(headers: SpdyHeaders): Promise<Uint8Array> {
    return this.deflate.compress(headers);
  }

  /** @internal */
  async drained(): Promise<void> {
    await this.outgoing;
    await this.opts.drained?.();
  }

  /** @internal */
  forget(id: number) {
    this.streams.delete(id);
  }

  private async handle(f: Frame): Promise<void> {
    switch (f.type) {
      case "synStream": {
        const headers = await this.inflate.decompress(f.headerBlock);
        if (f.streamId % 2 === 0 || f.streamId <= this.lastPeerStream) {
          this.send(() => encodeFrame({ type: "rstStream", streamId: f.streamId, status: RstStatus.protocolError }));
          return;
        }
        this.lastPeerStream = f.streamId;
        const s = new SpdyStream(this, f.streamId, headers, f.flags);
        this.streams.set(f.streamId, s);
        this.opts.onStream(s);
        return;
      }
      case "synReply":
      case "headers": {
        await this.inflate.decompress(f.headerBlock); // keeps the zlib context in step
        if (f.flags & FLAG_FIN) this.streams.get(f.streamId)?.peerFin();
        return;
      }
      case "data":
        this.streams.get(f.streamId)?.peerData(f.data, (f.flags & FLAG_FIN) !== 0);
        return;
      case "rstStream":
        this.streams.get(f.streamId)?.abort(new Error(`stream ${f.streamId} reset by the peer (status ${f.status})`));
        return;
      case "ping":
        if (f.id % 2 === 1) this.send(() => encodeFrame({ type: "ping", id: f.id }));
        return;
      case "goAway":
        this.close("the peer sent GOAWAY");
        return;
      case "settings":
      case "windowUpdate":
      case "unknown":
        return;
    }
  }
}

export { SpdyProtocolError };
