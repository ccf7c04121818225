// A scripted SPDY client for tests: it builds frames the way kubectl's spdystream does
// (compressed header blocks in one zlib context) and decodes what the server sends back.

import { encodeFrame, FLAG_FIN, type Frame } from "./frames.ts";
import { HeaderCompressor, HeaderDecompressor, type SpdyHeaders } from "./headers.ts";
import { FrameReader } from "./reader.ts";

export type DecodedFrame = Frame | { type: "synReply"; streamId: number; flags: number; headerBlock: Uint8Array; headers: SpdyHeaders };

export class SpdyTestClient {
  /** Every frame the server sent, decoded, in order. */
  readonly received: DecodedFrame[] = [];
  private readonly deflate = new HeaderCompressor();
  private readonly inflate = new HeaderDecompressor();
  private readonly reader = new FrameReader();
  private chain: Promise<void> = Promise.resolve();
  private waiters: (() => void)[] = [];

  /** Feed bytes the server wrote. */
  accept(bytes: Uint8Array): void {
    for (const f of this.reader.push(bytes)) {
      this.chain = this.chain.then(async () => {
        const decoded: DecodedFrame = f.type === "synReply" ? { ...f, headers: await this.inflate.decompress(f.headerBlock) } : f;
        this.received.push(decoded);
        for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  async synStream(streamId: number, headers: SpdyHeaders, flags = 0): Promise<Uint8Array> {
    return encodeFrame({ type: "synStream", streamId, associatedId: 0, priority: 0, flags, headerBlock: await this.deflate.compress(headers) });
  }

  data(streamId: number, data: Uint8Array | string, fin = false): Uint8Array {
    return encodeFrame({ type: "data", streamId, flags: fin ? FLAG_FIN : 0, data: typeof data === "string" ? new TextEncoder().encode(data) : data });
  }

  /** Wait until the frames received satisfy `pred`; fails after `ms`. */
  async until<T>(what: string, pred: (frames: DecodedFrame[]) => T | undefined, ms = 5000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      await this.chain;
      const v = pred(this.received);
      if (v !== undefined) return v;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received.map(summary))}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Concatenated data sent on a stream, and whether it ended with FIN. */
  streamData(streamId: number): { text: string; fin: boolean } {
    const frames = this.received.filter((f): f is Extract<Frame, { type: "data" }> => f.type === "data" && f.streamId === streamId);
    return { text: frames.map((f) => new TextDecoder().decode(f.data)).join(""), fin: frames.some((f) => (f.flags & FLAG_FIN) !== 0) };
  }

  close() {
    this.deflate.close();
    this.inflate.close();
  }
}

function summary(f: DecodedFrame) {
  return f.type === "data" ? { type: f.type, streamId: f.streamId, flags: f.flags, text: new TextDecoder().decode(f.data) } : { ...f, headerBlock: undefined };
}
