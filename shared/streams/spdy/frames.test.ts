import { describe, expect, test } from "bun:test";
import { decodeFrame, encodeFrame, FLAG_FIN, SpdyProtocolError, type Frame } from "./frames.ts";
import { FrameReader } from "./reader.ts";

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!.map((b) => parseInt(b, 16)));

describe("SPDY/3.1 frames", () => {
  test("a SYN_STREAM built by hand decodes to its stream id, priority, flags and header block", () => {
    const bytes = hex("8003 0001 01 00000c  00000005 00000000 6000 abcd");
    expect(decodeFrame(bytes)).toEqual({ type: "synStream", streamId: 5, associatedId: 0, priority: 3, flags: FLAG_FIN, headerBlock: hex("abcd") });
  });

  test("a data frame built by hand decodes to its stream, FIN flag and payload", () => {
    expect(decodeFrame(hex("00000007 01 000002 6869"))).toEqual({ type: "data", streamId: 7, flags: FLAG_FIN, data: hex("6869") });
  });

  test("PING, RST_STREAM and GOAWAY encode to the bytes of the spec", () => {
    expect(encodeFrame({ type: "ping", id: 1 })).toEqual(hex("8003 0006 00 000004 00000001"));
    expect(encodeFrame({ type: "rstStream", streamId: 3, status: 5 })).toEqual(hex("8003 0003 00 000008 00000003 00000005"));
    expect(encodeFrame({ type: "goAway", lastGoodStreamId: 9, status: 0 })).toEqual(hex("8003 0007 00 000008 00000009 00000000"));
  });

  test("every frame type survives an encode/decode round trip", () => {
    const frames: Frame[] = [
      { type: "data", streamId: 0x7fffffff, flags: 0, data: new Uint8Array([1, 2, 3]) },
      { type: "synStream", streamId: 1, associatedId: 0, priority: 7, flags: 2, headerBlock: new Uint8Array([9]) },
      { type: "synReply", streamId: 1, flags: 0, headerBlock: new Uint8Array([8, 7]) },
      { type: "headers", streamId: 3, flags: 1, headerBlock: new Uint8Array() },
      { type: "rstStream", streamId: 3, status: 1 },
      { type: "settings", flags: 1, entries: [{ flags: 1, id: 7, value: 65536 }, { flags: 0, id: 4, value: 100 }] },
      { type: "ping", id: 0xfffffffe },
      { type: "goAway", lastGoodStreamId: 11, status: 2 },
      { type: "windowUpdate", streamId: 5, delta: 4096 },
    ];
    for (const f of frames) expect(decodeFrame(encodeFrame(f))).toEqual(f);
  });

  test("a frame whose length field disagrees with its bytes, or a too-short control frame, is a protocol error", () => {
    expect(() => decodeFrame(hex("00000001 00 000005 6869"))).toThrow(SpdyProtocolError);
    expect(() => decodeFrame(hex("8003 0003 00 000004 00000001"))).toThrow("RST_STREAM frame needs at least 8 payload bytes, got 4");
  });

  test("a control frame of another SPDY version is passed on as unknown, not misread", () => {
    expect(decodeFrame(hex("8002 0006 00 000004 00000001"))).toMatchObject({ type: "unknown", version: 2, controlType: 6 });
  });
});

describe("the frame reader", () => {
  const frames: Frame[] = [
    { type: "ping", id: 1 },
    { type: "data", streamId: 1, flags: 0, data: new TextEncoder().encode("hello") },
    { type: "data", streamId: 3, flags: FLAG_FIN, data: new Uint8Array() },
    { type: "rstStream", streamId: 1, status: 5 },
  ];
  const wire = Uint8Array.from(frames.flatMap((f) => [...encodeFrame(f)]));

  test("frames cut at every possible boundary across messages come out whole and in order", () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const r = new FrameReader();
      const out = [...r.push(wire.subarray(0, cut)), ...r.push(wire.subarray(cut))];
      expect(out).toEqual(frames);
      expect(r.pending).toBe(0);
    }
  });

  test("bytes fed one at a time still make the same frames", () => {
    const r = new FrameReader();
    const out: Frame[] = [];
    for (const b of wire) out.push(...r.push(Uint8Array.of(b)));
    expect(out).toEqual(frames);
  });

  test("a partial frame stays pending until its last byte arrives", () => {
    const r = new FrameReader();
    expect(r.push(wire.subarray(0, 10))).toEqual([]);
    expect(r.push(wire.subarray(10, 14))).toEqual([frames[0]!]);
    expect(r.pending).toBe(2);
  });
});
