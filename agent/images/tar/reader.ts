// A streaming tar reader over a byte stream: yields each entry with its body as chunks. A body
// not read before the next entry is asked for is skipped. After the end-of-archive blocks the
// rest of the source is drained, so a digest computed over the stream covers every byte.
import { parseHeaderBlock, parsePax, toEntry, type TarEntry } from "./header.ts";

export interface TarItem {
  entry: TarEntry;
  /** Byte offset of the entry's data in the archive (for random access into a tar file). */
  offset: number;
  /** The entry's data, at most once. */
  body: AsyncIterable<Uint8Array>;
}

/** Exact reads over an async iterator of chunks. */
class ByteSource {
  private buf: Uint8Array = new Uint8Array(0);
  private off = 0;
  position = 0;
  constructor(private readonly it: AsyncIterator<Uint8Array>) {}

  /** Stops the source early (a consumer gave up): cancels a stream being read. */
  async close(): Promise<void> {
    await this.it.return?.();
  }

  private async fill(): Promise<boolean> {
    while (this.off >= this.buf.length) {
      const r = await this.it.next();
      if (r.done) return false;
      this.buf = r.value;
      this.off = 0;
    }
    return true;
  }

  /** Exactly n bytes; null at a clean end of stream; throws on a truncated stream. */
  async readExact(n: number): Promise<Uint8Array | null> {
    if (!(await this.fill())) return null;
    if (this.buf.length - this.off >= n) {
      const out = this.buf.subarray(this.off, this.off + n);
      this.off += n;
      this.position += n;
      return out;
    }
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      if (!(await this.fill())) throw new Error(`unexpected end of tar stream at byte ${this.position}`);
      const take = Math.min(n - got, this.buf.length - this.off);
      out.set(this.buf.subarray(this.off, this.off + take), got);
      this.off += take;
      got += take;
      this.position += take;
    }
    return out;
  }

  /** Yields the next n bytes as chunks. */
  async *take(n: number): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill())) throw new Error(`unexpected end of tar stream at byte ${this.position}`);
      const take = Math.min(left, this.buf.length - this.off);
      const chunk = this.buf.subarray(this.off, this.off + take);
      this.off += take;
      this.position += take;
      left -= take;
      yield chunk;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const _ of this.take(n)) {
      // discard
    }
  }

  async drain(): Promise<void> {
    this.off = this.buf.length;
    while (!(await this.it.next()).done) {
      // discard trailing padding
    }
  }
}

const pad = (n: number) => (512 - (n % 512)) % 512;

function iterate(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

/** Reads a tar stream entry by entry. */
export async function* readTar(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<TarItem> {
  const src = new ByteSource(iterate(source));
  let finished = false;
  try {
    yield* entries(src);
    finished = true;
  } finally {
    if (!finished) await src.close().catch(() => undefined);
  }
}

async function* entries(src: ByteSource): AsyncGenerator<TarItem> {
  let pax = new Map<string, Buffer>();
  let globalPax = new Map<string, Buffer>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await src.readExact(512);
    if (!block) return; // no end-of-archive blocks: tolerated, as GNU tar does
    const raw = parseHeaderBlock(block);
    if (!raw) {
      await src.drain();
      return;
    }
    if (raw.typeflag === "x" || raw.typeflag === "g" || raw.typeflag === "L" || raw.typeflag === "K") {
      const data = (await src.readExact(raw.size)) ?? new Uint8Array(0);
      await src.skip(pad(raw.size));
      if (raw.typeflag === "x") pax = parsePax(data);
      else if (raw.typeflag === "g") globalPax = new Map([...globalPax, ...parsePax(data)]);
      else {
        const s = new TextDecoder().decode(data).replace(/\0+$/, "");
        if (raw.typeflag === "L") longName = s;
        else longLink = s;
      }
      continue;
    }
    const entry = toEntry(raw, new Map([...globalPax, ...pax]), longName, longLink);
    pax = new Map();
    longName = longLink = undefined;
    const offset = src.position;
    let consumed = false;
    const body = {
      async *[Symbol.asyncIterator]() {
        if (consumed) throw new Error(`the body of tar entry ${entry.path} was already read`);
        consumed = true;
        yield* src.take(entry.size);
      },
    };
    yield { entry, offset, body };
    if (!consumed) {
      consumed = true;
      await src.skip(entry.size);
    } else if (src.position < offset + entry.size) {
      await src.skip(offset + entry.size - src.position);
    }
    await src.skip(pad(entry.size));
  }
}
