import { describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { decompress, digestStream, sha256 } from "./digest.ts";
import { DigestMismatchError } from "./errors.ts";

const text = new TextEncoder().encode("kubun layer bytes ".repeat(500));
const streamOf = (data: Uint8Array, chunk = 100) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < data.length; i += chunk) c.enqueue(data.subarray(i, i + chunk));
      c.close();
    },
  });

describe("digest checks while streaming", () => {
  test("matching content passes through and reports its digest and size", async () => {
    const check = digestStream("blob", { digest: sha256(text), size: text.length });
    const out = new Uint8Array(await new Response(streamOf(text).pipeThrough(check)).arrayBuffer());
    expect(out).toEqual(text);
    expect(await check.done).toEqual({ digest: sha256(text), bytes: text.length });
  });

  test("a different digest fails the reader at the end with DigestMismatchError", async () => {
    const check = digestStream("layer sha256:x", { digest: sha256("something else") });
    const err = await new Response(streamOf(text).pipeThrough(check)).arrayBuffer().catch((e) => e);
    expect(err).toBeInstanceOf(DigestMismatchError);
    expect(err.message).toBe(`layer sha256:x: digest mismatch: expected ${sha256("something else")}, got ${sha256(text)}`);
    await expect(check.done).rejects.toBeInstanceOf(DigestMismatchError);
  });

  test("more bytes than the descriptor announces fail as soon as they arrive", async () => {
    const check = digestStream("blob", { digest: sha256(text), size: 10 });
    await expect(new Response(streamOf(text).pipeThrough(check)).arrayBuffer()).rejects.toThrow("more than the 10 bytes its descriptor announces");
  });
});

describe("layer decompression", () => {
  test.each([
    ["gzip", gzipSync(text)],
    ["zstd", Bun.zstdCompressSync(text)],
    ["none", text],
  ] as const)("%s is recognized by its magic bytes", async (kind, data) => {
    const { stream, compression } = await decompress(streamOf(new Uint8Array(data), 3));
    expect(compression).toBe(kind);
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).toEqual(text);
  });

  test("an empty stream is an empty plain stream", async () => {
    const { stream, compression } = await decompress(streamOf(new Uint8Array(0)));
    expect(compression).toBe("none");
    expect((await new Response(stream).arrayBuffer()).byteLength).toBe(0);
  });
});
