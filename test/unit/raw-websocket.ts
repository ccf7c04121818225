// A bare WebSocket client over TLS for tests that need what Bun's client refuses: kubectl
// offers the subprotocol "SPDY/3.1+portforward.k8s.io", whose "/" is not a token character.

import { randomBytes } from "node:crypto";
import tls from "node:tls";

export interface RawWebSocket {
  /** The subprotocol the server chose. */
  protocol: string;
  send(data: Uint8Array): void;
  onMessage(fn: (data: Uint8Array) => void): void;
  /** Resolves with the close code when the server closes (or the socket ends). */
  closed: Promise<number>;
  close(): void;
}

export function rawWebSocket(url: string, opts: { ca: string; headers?: Record<string, string>; protocol: string }): Promise<RawWebSocket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = tls.connect({ host: u.hostname, port: Number(u.port), ca: opts.ca }, () => {
      const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`, "Sec-WebSocket-Version: 13", `Sec-WebSocket-Protocol: ${opts.protocol}`];
      for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
      sock.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
    let buf = Buffer.alloc(0);
    let upgraded = false;
    let listener: (d: Uint8Array) => void = () => {};
    let closeCode: (c: number) => void = () => {};
    const closed = new Promise<number>((r) => (closeCode = r));
    const frame = (opcode: number, payload: Uint8Array) => {
      const mask = randomBytes(4);
      const n = payload.length;
      const head = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n]) : n < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127, 0, 0, 0, 0]), Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])]);
      const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
      sock.write(Buffer.concat([head, mask, body]));
    };
    sock.on("error", reject);
    sock.on("close", () => closeCode(1006));
    sock.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        buf = buf.subarray(end + 4);
        const status = Number(head.split(" ")[1]);
        if (status !== 101) return reject(new Error(`WebSocket handshake answered ${head.split("\r\n")[0]}`));
        upgraded = true;
        const protocol = /\r\nsec-websocket-protocol:\s*([^\r]*)/i.exec(head)?.[1] ?? "";
        resolve({ protocol, send: (data) => frame(2, data), onMessage: (fn) => (listener = fn), closed, close: () => (frame(8, Uint8Array.of(3, 232)), sock.end()) });
      }
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1]! & 0x7f;
        let at = 2;
        if (len === 126) (len = buf.readUInt16BE(2)), (at = 4);
        else if (len === 127) (len = Number(buf.readBigUInt64BE(2))), (at = 10);
        if (buf.length < at + len) return;
        const opcode = buf[0]! & 0x0f;
        const payload = new Uint8Array(buf.subarray(at, at + len));
        buf = buf.subarray(at + len);
        if (opcode === 2 || opcode === 0) listener(payload);
        else if (opcode === 9) frame(10, payload);
        else if (opcode === 8) closeCode(payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : 1005);
      }
    });
  });
}
