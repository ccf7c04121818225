// A tunnel stream seen as a Duplex: one channel read, one written. Port-forward uses it on both
// ends (the server's SPDY side dials through it; the agent pipes it to the pod's port).

import type { Duplex } from "../duplex.ts";
import type { TunnelStream } from "./mux.ts";

export function tunnelDuplex(stream: TunnelStream, channels: { read: number; write: number }): Duplex {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  let pulled: (() => void) | undefined;
  const end = (err?: Error) => {
    if (ended) return;
    ended = true;
    if (err) controller.error(err);
    else controller.close();
    pulled?.();
  };
  const readable = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: () => pulled?.(),
      cancel: () => {
        ended = true;
        pulled?.();
        stream.reset("the reader went away");
      },
    },
    { highWaterMark: 1 },
  );
  stream.attach({
    async data(channel, bytes) {
      if (channel !== channels.read || ended) return;
      controller.enqueue(bytes);
      // Hold the stream's credit until the reader wants more.
      while (!ended && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (pulled = r));
    },
    close(channel) {
      if (channel === channels.read) end();
    },
  });
  void stream.result.then((r) => end(r.error ? new Error(r.error.message) : undefined));
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => stream.write(channels.write, chunk),
    close: () => stream.closeChannel(channels.write),
    abort: () => stream.reset("the writer went away"),
  });
  return { readable, writable };
}
