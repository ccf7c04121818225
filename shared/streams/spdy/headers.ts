// SPDY/3 header blocks: a 32-bit count, then (32-bit length, name, 32-bit length, value) pairs;
// several values of one name are joined by NUL. On the wire the block is zlib-compressed with
// the SPDY/3 dictionary, one compression context per direction for the whole connection: each
// block ends with a sync flush, so the next one continues the same zlib stream.

import zlib from "node:zlib";
import { SPDY3_DICTIONARY } from "./dictionary.ts";
import { SpdyProtocolError } from "./frames.ts";

export type SpdyHeaders = Record<string, string>;

export function encodeHeaderBlock(headers: SpdyHeaders): Uint8Array {
  const enc = new TextEncoder();
  const pairs = Object.entries(headers).map(([k, v]) => [enc.encode(k.toLowerCase()), enc.encode(v)] as const);
  const size = 4 + pairs.reduce((n, [k, v]) => n + 8 + k.length + v.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length);
  let at = 4;
  for (const [k, v] of pairs) {
    view.setUint32(at, k.length);
    out.set(k, at + 4);
    at += 4 + k.length;
    view.setUint32(at, v.length);
    out.set(v, at + 4);
    at += 4 + v.length;
  }
  return out;
}

export function decodeHeaderBlock(block: Uint8Array): SpdyHeaders {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const dec = new TextDecoder();
  let at = 0;
  const u32 = () => {
    if (at + 4 > block.length) throw new SpdyProtocolError("SPDY header block is truncated");
    const n = view.getUint32(at);
    at += 4;
    return n;
  };
  const str = () => {
    const n = u32();
    if (at + n > block.length) throw new SpdyProtocolError("SPDY header block is truncated");
    const s = dec.decode(block.subarray(at, at + n));
    at += n;
    return s;
  };
  const count = u32();
  const headers: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    const name = str();
    const value = str();
    if (!name) throw new SpdyProtocolError("SPDY header block has an empty header name");
    headers[name.toLowerCase()] = headers[name.toLowerCase()] === undefined ? value : `${headers[name.toLowerCase()]}\0${value}`;
  }
  return headers;
}

/**
 * One direction's zlib context. Bun's node:zlib offers no synchronous call that keeps a context
 * across blocks, so each block goes through the stream and waits for its sync flush; calls are
 * serialized because the context is shared.
 */
class ZlibContext {
  private chain: Promise<unknown> = Promise.resolve();
  private out: Buffer[] = [];
  private failure?: Error;
  private pending?: (e: Error) => void;

  constructor(private readonly z: zlib.Deflate | zlib.Inflate) {
    z.on("data", (c: Buffer) => this.out.push(c));
    z.on("error", (e: Error) => {
      this.failure = new SpdyProtocolError(`SPDY header block (de)compression failed: ${e.message}`);
      this.pending?.(this.failure);
    });
  }

  process(bytes: Uint8Array): Promise<Uint8Array> {
    const run = this.chain.then(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.pending = reject;
          this.z.write(bytes);
          this.z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            this.pending = undefined;
            if (this.failure) return reject(this.failure);
            const r = Buffer.concat(this.out);
            this.out = [];
            resolve(new Uint8Array(r.buffer, r.byteOffset, r.byteLength));
          });
        }),
    );
    this.chain = run.catch(() => {});
    return run;
  }

  close() {
    this.z.close();
  }
}

/** Compresses the header blocks one end sends. */
export class HeaderCompressor {
  private readonly ctx = new ZlibContext(zlib.createDeflate({ dictionary: SPDY3_DICTIONARY }));

  compress(headers: SpdyHeaders): Promise<Uint8Array> {
    return this.ctx.process(encodeHeaderBlock(headers));
  }

  close() {
    this.ctx.close();
  }
}

/** Decompresses the header blocks one end receives. */
export class HeaderDecompressor {
  private readonly ctx = new ZlibContext(zlib.createInflate({ dictionary: SPDY3_DICTIONARY }));

  async decompress(block: Uint8Array): Promise<SpdyHeaders> {
    if (block.length === 0) return {};
    return decodeHeaderBlock(await this.ctx.process(block));
  }

  close() {
    this.ctx.close();
  }
}
