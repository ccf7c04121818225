// The tunnel's own framing. Each WebSocket message is one frame: [type][stream id, 32-bit
// big-endian][payload]. The server opens streams; both ends send data on numbered channels,
// half-close channels, and grant each other credit (WINDOW) for data; a stream ends with END
// (its result) or RESET (abandoned) from either side. PING/PONG on stream 0 keep the
// connection honest across NATs.

import type { OpenRequest, StreamResult } from "./types.ts";

export const TunnelFrameType = {
  open: 1,
  ready: 2,
  data: 3,
  close: 4,
  end: 5,
  reset: 6,
  window: 7,
  ping: 8,
  pong: 9,
} as const;

export type TunnelFrame =
  | { type: "open"; id: number; request: OpenRequest }
  | { type: "ready"; id: number }
  | { type: "data"; id: number; channel: number; data: Uint8Array }
  | { type: "close"; id: number; channel: number }
  | { type: "end"; id: number; result: StreamResult }
  | { type: "reset"; id: number; reason: string }
  | { type: "window"; id: number; bytes: number }
  | { type: "ping"; id: number; data: Uint8Array }
  | { type: "pong"; id: number; data: Uint8Array };

export class TunnelProtocolError extends Error {}

const NAMES = Object.fromEntries(Object.entries(TunnelFrameType).map(([k, v]) => [v, k])) as Record<number, TunnelFrame["type"]>;
const HEAD = 5;

function frame(type: number, id: number, payload: Uint8Array, prefix?: number): Uint8Array {
  const extra = prefix === undefined ? 0 : 1;
  const out = new Uint8Array(HEAD + extra + payload.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(1, id >>> 0);
  if (prefix !== undefined) out[HEAD] = prefix;
  out.set(payload, HEAD + extra);
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeTunnelFrame(f: TunnelFrame): Uint8Array {
  switch (f.type) {
    case "open":
      return frame(TunnelFrameType.open, f.id, utf8(JSON.stringify(f.request)));
    case "ready":
      return frame(TunnelFrameType.ready, f.id, new Uint8Array());
    case "data":
      return frame(TunnelFrameType.data, f.id, f.data, f.channel);
    case "close":
      return frame(TunnelFrameType.close, f.id, new Uint8Array(), f.channel);
    case "end":
      return frame(TunnelFrameType.end, f.id, utf8(JSON.stringify(f.result)));
    case "reset":
      return frame(TunnelFrameType.reset, f.id, utf8(f.reason));
    case "window": {
      const n = new Uint8Array(4);
      new DataView(n.buffer).setUint32(0, f.bytes >>> 0);
      return frame(TunnelFrameType.window, f.id, n);
    }
    case "ping":
      return frame(TunnelFrameType.ping, f.id, f.data);
    case "pong":
      return frame(TunnelFrameType.pong, f.id, f.data);
  }
}

export function decodeTunnelFrame(bytes: Uint8Array): TunnelFrame {
  if (bytes.length < HEAD) throw new TunnelProtocolError(`tunnel frame of ${bytes.length} bytes is shorter than its 5-byte header`);
  const type = NAMES[bytes[0]!];
  if (!type) throw new TunnelProtocolError(`tunnel frame type ${bytes[0]} is unknown`);
  const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  const body = bytes.subarray(HEAD);
  const channel = () => {
    if (body.length < 1) throw new TunnelProtocolError(`tunnel ${type} frame lacks its channel byte`);
    return body[0]!;
  };
  const json = <T>(): T => {
    try {
      return JSON.parse(new TextDecoder().decode(body)) as T;
    } catch {
      throw new TunnelProtocolError(`tunnel ${type} frame does not carry JSON`);
    }
  };
  switch (type) {
    case "open":
      return { type, id, request: json<OpenRequest>() };
    case "ready":
      return { type, id };
    case "data":
      return { type, id, channel: channel(), data: body.subarray(1) };
    case "close":
      return { type, id, channel: channel() };
    case "end":
      return { type, id, result: json<StreamResult>() };
    case "reset":
      return { type, id, reason: new TextDecoder().decode(body) };
    case "window":
      if (body.length !== 4) throw new TunnelProtocolError(`tunnel window frame needs 4 payload bytes, got ${body.length}`);
      return { type, id, bytes: new DataView(body.buffer, body.byteOffset, 4).getUint32(0) };
    case "ping":
    case "pong":
      return { type, id, data: body };
  }
}
