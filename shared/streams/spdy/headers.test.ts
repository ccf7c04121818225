import { describe, expect, test } from "bun:test";
import { SPDY3_DICTIONARY } from "./dictionary.ts";
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor } from "./headers.ts";

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

describe("SPDY/3 header blocks", () => {
  test("the dictionary is the 1423 bytes of the spec, starting with the length-prefixed \"options\"", () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect([...SPDY3_DICTIONARY.subarray(0, 11)]).toEqual([0, 0, 0, 7, ..."options"].map((c) => (typeof c === "string" ? c.charCodeAt(0) : c)));
    expect(new TextDecoder().decode(SPDY3_DICTIONARY.subarray(-7))).toBe(",enq=0.");
  });

  test("an uncompressed block is a count and length-prefixed names and values, built by hand", () => {
    const block = encodeHeaderBlock({ Port: "80" });
    expect([...block]).toEqual([0, 0, 0, 1, 0, 0, 0, 4, ..."port", 0, 0, 0, 2, ..."80"].map((c) => (typeof c === "string" ? c.charCodeAt(0) : c)));
    expect(decodeHeaderBlock(block)).toEqual({ port: "80" });
  });

  test("a name sent twice keeps both values, joined by NUL", () => {
    const block = Uint8Array.from([0, 0, 0, 2, 0, 0, 0, 1, 97, 0, 0, 0, 1, 49, 0, 0, 0, 1, 97, 0, 0, 0, 1, 50]);
    expect(decodeHeaderBlock(block)).toEqual({ a: "1\u00002" });
  });

  test("a truncated block is refused", () => {
    expect(() => decodeHeaderBlock(Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 9, 97]))).toThrow("truncated");
  });

  test("the first compressed block asks for the SPDY/3 dictionary by its Adler-32", async () => {
    const c = new HeaderCompressor();
    const z = await c.compress({ streamtype: "data" });
    c.close();
    expect(z[1]! & 0x20).toBe(0x20); // FDICT
    expect(new DataView(z.buffer, z.byteOffset).getUint32(2)).toBe(adler32(SPDY3_DICTIONARY));
  });

  test("blocks continue one zlib stream per direction: they decompress in order, but not alone", async () => {
    const c = new HeaderCompressor();
    const d = new HeaderDecompressor();
    const blocks = [
      { streamtype: "error", port: "80", requestid: "0" },
      { streamtype: "data", port: "80", requestid: "0" },
      { streamtype: "data", port: "8080", requestid: "1" },
    ];
    const wire = [];
    for (const h of blocks) wire.push(await c.compress(h));
    for (let i = 0; i < blocks.length; i++) expect(await d.decompress(wire[i]!)).toEqual(blocks[i]!);
    const fresh = new HeaderDecompressor();
    await expect(fresh.decompress(wire[1]!)).rejects.toThrow();
    for (const x of [c, d, fresh]) x.close();
  });
});
