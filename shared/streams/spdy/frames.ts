// SPDY/3.1 framing (draft-mbelshe-httpbis-spdy-00 with the 3.1 additions). Every frame has an
// 8-byte header: a control frame starts with bit 1, version 3 (15 bits) and its type (16 bits);
// a data frame starts with bit 0 and the stream id (31 bits). Then flags (8 bits) and the length
// of what follows (24 bits). Header blocks stay compressed here: spdy/headers.ts holds the zlib
// contexts, which live as long as the connection.

export const SPDY_VERSION = 3;
export const FRAME_HEADER_BYTES = 8;
export const MAX_FRAME_LENGTH = 0xffffff;

export const FrameType = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goAway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;

/** FIN on data, SYN_STREAM, SYN_REPLY and HEADERS: the sender sends nothing more on the stream. */
export const FLAG_FIN = 0x01;
/** SYN_STREAM only: the receiver may not send on the stream. */
export const FLAG_UNIDIRECTIONAL = 0x02;

export const RstStatus = {
  protocolError: 1,
  invalidStream: 2,
  refusedStream: 3,
  unsupportedVersion: 4,
  cancel: 5,
  internalError: 6,
  flowControlError: 7,
  streamInUse: 8,
  streamAlreadyClosed: 9,
  frameTooLarge: 11,
} as const;

export type Frame =
  | { type: "data"; streamId: number; flags: number; data: Uint8Array }
  | { type: "synStream"; streamId: number; associatedId: number; priority: number; flags: number; headerBlock: Uint8Array }
  | { type: "synReply"; streamId: number; flags: number; headerBlock: Uint8Array }
  | { type: "headers"; streamId: number; flags: number; headerBlock: Uint8Array }
  | { type: "rstStream"; streamId: number; status: number }
  | { type: "settings"; flags: number; entries: { flags: number; id: number; value: number }[] }
  | { type: "ping"; id: number }
  | { type: "goAway"; lastGoodStreamId: number; status: number }
  | { type: "windowUpdate"; streamId: number; delta: number }
  | { type: "unknown"; controlType: number; version: number; flags: number; data: Uint8Array };

export class SpdyProtocolError extends Error {}

const ID_MASK = 0x7fffffff;

function header(out: DataView, first: number, flags: number, length: number) {
  if (length > MAX_FRAME_LENGTH) throw new SpdyProtocolError(`SPDY frame payload of ${length} bytes exceeds the 24-bit length limit`);
  out.setUint32(0, first >>> 0);
  out.setUint32(4, ((flags & 0xff) << 24) | length);
}

function control(type: number, flags: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + body.length);
  header(new DataView(out.buffer), 0x80000000 | (SPDY_VERSION << 16) | type, flags, body.length);
  out.set(body, FRAME_HEADER_BYTES);
  return out;
}

function words(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((n, i) => v.setUint32(i * 4, n >>> 0));
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The wire bytes of one frame. */
export function encodeFrame(f: Frame): Uint8Array {
  switch (f.type) {
    case "data": {
      const out = new Uint8Array(FRAME_HEADER_BYTES + f.data.length);
      header(new DataView(out.buffer), f.streamId & ID_MASK, f.flags, f.data.length);
      out.set(f.data, FRAME_HEADER_BYTES);
      return out;
    }
    case "synStream": {
      const fixed = new Uint8Array(10);
      const v = new DataView(fixed.buffer);
      v.setUint32(0, f.streamId & ID_MASK);
      v.setUint32(4, f.associatedId & ID_MASK);
      fixed[8] = (f.priority & 0x7) << 5;
      return control(FrameType.synStream, f.flags, concat(fixed, f.headerBlock));
    }
    case "synReply":
      return control(FrameType.synReply, f.flags, concat(words(f.streamId & ID_MASK), f.headerBlock));
    case "headers":
      return control(FrameType.headers, f.flags, concat(words(f.streamId & ID_MASK), f.headerBlock));
    case "rstStream":
      return control(FrameType.rstStream, 0, words(f.streamId & ID_MASK, f.status));
    case "settings":
      return control(FrameType.settings, f.flags, words(f.entries.length, ...f.entries.flatMap((e) => [((e.flags & 0xff) << 24) | (e.id & 0xffffff), e.value])));
    case "ping":
      return control(FrameType.ping, 0, words(f.id));
    case "goAway":
      return control(FrameType.goAway, 0, words(f.lastGoodStreamId & ID_MASK, f.status));
    case "windowUpdate":
      return control(FrameType.windowUpdate, 0, words(f.streamId & ID_MASK, f.delta & ID_MASK));
    case "unknown":
      return control(f.controlType, f.flags, f.data);
  }
}

/** Decode one whole frame (header and payload); throws SpdyProtocolError on a malformed one. */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (bytes.length < FRAME_HEADER_BYTES) throw new SpdyProtocolError(`SPDY frame of ${bytes.length} bytes is shorter than its 8-byte header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = v.getUint32(0);
  const flags = bytes[4]!;
  const length = v.getUint32(4) & 0xffffff;
  if (bytes.length !== FRAME_HEADER_BYTES + length) throw new SpdyProtocolError(`SPDY frame says ${length} payload bytes but has ${bytes.length - FRAME_HEADER_BYTES}`);
  const body = bytes.subarray(FRAME_HEADER_BYTES);
  if (!(first & 0x80000000)) return { type: "data", streamId: first & ID_MASK, flags, data: body };
  const version = (first >>> 16) & 0x7fff;
  const type = first & 0xffff;
  const b = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const need = (n: number, what: string) => {
    if (body.length < n) throw new SpdyProtocolError(`SPDY ${what} frame needs at least ${n} payload bytes, got ${body.length}`);
  };
  if (version !== SPDY_VERSION) return { type: "unknown", controlType: type, version, flags, data: body };
  switch (type) {
    case FrameType.synStream:
      need(10, "SYN_STREAM");
      return { type: "synStream", streamId: b.getUint32(0) & ID_MASK, associatedId: b.getUint32(4) & ID_MASK, priority: body[8]! >>> 5, flags, headerBlock: body.subarray(10) };
    case FrameType.synReply:
      need(4, "SYN_REPLY");
      return { type: "synReply", streamId: b.getUint32(0) & ID_MASK, flags, headerBlock: body.subarray(4) };
    case FrameType.headers:
      need(4, "HEADERS");
      return { type: "headers", streamId: b.getUint32(0) & ID_MASK, flags, headerBlock: body.subarray(4) };
    case FrameType.rstStream:
      need(8, "RST_STREAM");
      return { type: "rstStream", streamId: b.getUint32(0) & ID_MASK, status: b.getUint32(4) };
    case FrameType.settings: {
      need(4, "SETTINGS");
      const n = b.getUint32(0);
      need(4 + n * 8, "SETTINGS");
      const entries = Array.from({ length: n }, (_, i) => {
        const w = b.getUint32(4 + i * 8);
        return { flags: w >>> 24, id: w & 0xffffff, value: b.getUint32(8 + i * 8) };
      });
      return { type: "settings", flags, entries };
    }
    case FrameType.ping:
      need(4, "PING");
      return { type: "ping", id: b.getUint32(0) };
    case FrameType.goAway:
      need(4, "GOAWAY");
      return { type: "goAway", lastGoodStreamId: b.getUint32(0) & ID_MASK, status: body.length >= 8 ? b.getUint32(4) : 0 };
    case FrameType.windowUpdate:
      need(8, "WINDOW_UPDATE");
      return { type: "windowUpdate", streamId: b.getUint32(0) & ID_MASK, delta: b.getUint32(4) & ID_MASK };
    default:
      return { type: "unknown", controlType: type, version, flags, data: body };
  }
}
