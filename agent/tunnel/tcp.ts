// A TCP connection as a Duplex, half-close included: closing the writable sends FIN and the
// peer may still answer. Port-forward providers dial with it (the fake one to a local server,
// a real runtime to the pod's IP on the node's bridge).

import net from "node:net";
import type { Duplex } from "../../shared/streams/duplex.ts";
import { StreamError } from "../../shared/streams/tunnel/types.ts";

export function connectTcp(host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port, allowHalfOpen: true });
    sock.once("error", (e) => reject(new StreamError(`failed to connect to ${host}:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`, 500)));
    sock.once("connect", () => resolve(socketDuplex(sock)));
  });
}

export function socketDuplex(sock: net.Socket): Duplex {
  let done = false;
  const readable = new ReadableStream<Uint8Array>(
    {
      start(c) {
        sock.on("data", (d: Buffer) => {
          if (done) return;
          c.enqueue(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
          if ((c.desiredSize ?? 1) <= 0) sock.pause();
        });
        sock.on("end", () => {
          if (!done) (done = true), c.close();
        });
        sock.on("error", (e) => {
          if (!done) (done = true), c.error(e);
        });
        sock.on("close", () => {
          if (!done) (done = true), c.close();
        });
      },
      pull: () => void sock.resume(),
      cancel: () => {
        done = true;
        sock.destroy();
      },
    },
    { highWaterMark: 4 },
  );
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => new Promise<void>((res, rej) => sock.write(chunk, (e) => (e ? rej(e) : res()))),
    close: () => new Promise<void>((res) => sock.end(() => res())),
    abort: () => void sock.destroy(),
  });
  return { readable, writable };
}
