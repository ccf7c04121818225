// Cuts a SPDY byte stream into frames. The bytes arrive in WebSocket messages whose boundaries
// have nothing to do with frames: one message may hold half a header, or three frames and a bit.

import { decodeFrame, FRAME_HEADER_BYTES, type Frame } from "./frames.ts";

export class FrameReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  /** Add bytes; returns every frame they complete, in order. */
  push(bytes: Uint8Array): Frame[] {
    if (bytes.length) {
      this.chunks.push(bytes);
      this.buffered += bytes.length;
    }
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < FRAME_HEADER_BYTES) break;
      const head = this.peek(FRAME_HEADER_BYTES);
      const length = ((head[5]! << 16) | (head[6]! << 8) | head[7]!) >>> 0;
      const total = FRAME_HEADER_BYTES + length;
      if (this.buffered < total) break;
      frames.push(decodeFrame(this.take(total)));
    }
    return frames;
  }

  /** Bytes held that do not yet make a whole frame. */
  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Uint8Array {
    const first = this.chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    this.chunks = [this.join(this.buffered)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Uint8Array {
    const first = this.chunks[0]!;
    if (first.length < n) this.chunks = [this.join(this.buffered)];
    const whole = this.chunks[0]!;
    const out = whole.subarray(0, n);
    if (whole.length === n) this.chunks.shift();
    else this.chunks[0] = whole.subarray(n);
    this.buffered -= n;
    return out;
  }

  private join(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
