// Digests checked while bytes stream through, and layer decompression chosen by magic bytes
// (gzip, zstd, or plain tar), so media types that lie or are unknown still work.
import { DigestMismatchError } from "./errors.ts";

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): boolean {
  return DIGEST_RE.test(s);
}

export function sha256(data: Uint8Array | string): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(data).digest("hex")}`;
}

/** The hex part of a sha256 digest, checked, for use in file names. */
export function digestHex(digest: string): string {
  if (!isDigest(digest)) throw new Error(`invalid digest ${JSON.stringify(digest)}: expected sha256:<64 hex digits>`);
  return digest.slice("sha256:".length);
}

export interface Measured {
  /** Resolves after the stream ended: the digest and byte count of everything that passed. */
  readonly done: Promise<{ digest: string; bytes: number }>;
}

/**
 * A pass-through that hashes the bytes; with `expected`, the stream errors at its end (and the
 * consumer's read fails) if the digest differs, or as soon as more than `size` bytes arrive.
 */
export function digestStream(what: string, expected?: { digest?: string; size?: number }): TransformStream<Uint8Array, Uint8Array> & Measured {
  const hasher = new Bun.CryptoHasher("sha256");
  let bytes = 0;
  let resolve!: (v: { digest: string; bytes: number }) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<{ digest: string; bytes: number }>((res, rej) => ((resolve = res), (reject = rej)));
  done.catch(() => undefined);
  const ts = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.length;
      if (expected?.size !== undefined && bytes > expected.size) {
        const err = new Error(`${what}: more than the ${expected.size} bytes its descriptor announces`);
        reject(err);
        controller.error(err);
        return;
      }
      hasher.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      const digest = `sha256:${hasher.digest("hex")}`;
      if (expected?.digest && digest !== expected.digest) {
        const err = new DigestMismatchError(expected.digest, digest, what);
        reject(err);
        controller.error(err);
        return;
      }
      if (expected?.size !== undefined && bytes !== expected.size) {
        const err = new Error(`${what}: got ${bytes} bytes, its descriptor announces ${expected.size}`);
        reject(err);
        controller.error(err);
        return;
      }
      resolve({ digest, bytes });
    },
  });
  return Object.assign(ts, { done });
}

export type Compression = "gzip" | "zstd" | "none";

export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  return "none";
}

/** The uncompressed content of a (maybe) compressed stream, and which compression it had. */
export async function decompress(stream: ReadableStream<Uint8Array>): Promise<{ stream: ReadableStream<Uint8Array>; compression: Compression }> {
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let len = 0;
  let ended = false;
  while (len < 4) {
    const r = await reader.read();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    len += r.value.length;
  }
  const first = Buffer.concat(head);
  const compression = sniffCompression(first);
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length) controller.enqueue(first);
      if (ended) controller.close();
    },
    async pull(controller) {
      const r = await reader.read();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  if (compression === "none") return { stream: replay, compression };
  const inflate = new DecompressionStream(compression as "gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
  return { stream: replay.pipeThrough(inflate), compression };
}
