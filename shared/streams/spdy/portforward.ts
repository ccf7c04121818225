// The server side of Kubernetes port-forward over SPDY (portforward.k8s.io). For each local
// connection kubectl opens two streams with headers `streamtype: error|data`, `port` and
// `requestid`. Both are accepted with SYN_REPLY; once the pair is complete the port is dialled
// and bytes flow between the data stream and the connection. A failure is written, as text, to
// the error stream (kubectl prints "an error occurred forwarding L -> R: <text>"); the error
// stream is closed when the pair is done, which is what kubectl waits for.

import type { Duplex } from "../duplex.ts";
import { RstStatus } from "./frames.ts";
import { SpdySession, type SpdyStream } from "./session.ts";

/** The WebSocket subprotocol kubectl offers for port-forward tunnelled in a WebSocket. */
export const PORT_FORWARD_WEBSOCKET_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

export interface PortForwardOptions {
  /** Send bytes to kubectl. */
  write(bytes: Uint8Array): void;
  /** Resolves when the transport can take more; undefined when it can now. */
  drained?(): Promise<void> | undefined;
  /** Connect to the port; rejects with an Error whose message kubectl shows. */
  dial(port: number): Promise<Duplex>;
  /** The text written to the error stream when forwarding fails. */
  describeError?(port: number, err: Error): string;
  /** After one direction ends, how long the other may go on (upstream: 1 s). */
  lingerMs?: number;
  /** How long the second stream of a pair may take to arrive (upstream: 30 s). */
  pairTimeoutMs?: number;
  onClose?(reason: string): void;
}

export interface PortForwardSession {
  /** Bytes from kubectl. */
  receive(bytes: Uint8Array): void;
  close(reason?: string): void;
  /** Pairs being forwarded now. */
  readonly active: number;
}

interface Pair {
  id: string;
  data?: SpdyStream;
  error?: SpdyStream;
  timer?: ReturnType<typeof setTimeout>;
}

export function startPortForward(opts: PortForwardOptions): PortForwardSession {
  const pairs = new Map<string, Pair>();
  let active = 0;
  const linger = opts.lingerMs ?? 1000;
  const describe = opts.describeError ?? ((port, err) => `error forwarding port ${port}: ${err.message}`);

  const session: SpdySession = new SpdySession({
    write: opts.write,
    drained: opts.drained,
    onClose: (reason) => {
      for (const p of pairs.values()) clearTimeout(p.timer);
      pairs.clear();
      opts.onClose?.(reason);
    },
    onStream(stream) {
      const problem = invalidHeaders(stream);
      if (problem) return stream.reset(RstStatus.cancel);
      stream.reply();
      const id = requestId(stream);
      let pair = pairs.get(id);
      if (!pair) {
        pair = { id };
        pairs.set(id, pair);
        const p = pair;
        pair.timer = setTimeout(() => {
          pairs.delete(id);
          if (p.error) void p.error.write(new TextEncoder().encode(`timed out waiting for the data and error streams of request ${id}`)).then(() => p.error?.end());
          p.data?.reset();
        }, opts.pairTimeoutMs ?? 30_000);
      }
      const type = stream.headers.streamtype as "data" | "error";
      if (pair[type]) return stream.reset(RstStatus.protocolError);
      pair[type] = stream;
      if (pair.data && pair.error) {
        clearTimeout(pair.timer);
        pairs.delete(id);
        active++;
        void forward(pair.data, pair.error).finally(() => active--);
      }
    },
  });

  async function forward(data: SpdyStream, error: SpdyStream) {
    const port = Number(data.headers.port);
    const fail = async (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      await error.write(new TextEncoder().encode(describe(port, err)));
    };
    let conn: Duplex;
    try {
      conn = await opts.dial(port);
    } catch (e) {
      await fail(e);
      error.end();
      data.end();
      return;
    }
    const writer = conn.writable.getWriter();
    const reader = conn.readable.getReader();
    let podFailed: unknown;
    const up = (async () => {
      for await (const chunk of data.readable as unknown as AsyncIterable<Uint8Array>) await writer.write(chunk);
      await writer.close();
    })();
    const down = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await data.write(value);
        }
      } catch (e) {
        podFailed = e;
      }
      if (podFailed) await fail(podFailed);
      error.end();
      data.end();
    })();
    const both = Promise.allSettled([up, down]);
    const first = Promise.race([up, down]).then(
      () => undefined,
      () => undefined,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lingered = first.then(() => new Promise<void>((r) => (timer = setTimeout(r, linger))));
    await Promise.race([both, lingered, data.done]);
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
    await writer.abort().catch(() => {});
    error.end();
    data.end();
  }

  return {
    receive: (bytes) => session.receive(bytes),
    close: (reason) => session.close(reason),
    get active() {
      return active;
    },
  };
}

function invalidHeaders(s: SpdyStream): string | undefined {
  const port = s.headers.port;
  if (!port) return `"port" header is required`;
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) return `unable to parse "${port}" as a port`;
  const type = s.headers.streamtype;
  if (!type) return `"streamType" header is required`;
  if (type !== "data" && type !== "error") return `invalid stream type "${type}"`;
  return undefined;
}

/** kubectl names the pair; clients too old to do so get upstream's guess from the stream ids. */
function requestId(s: SpdyStream): string {
  const id = s.headers.requestid;
  if (id) return id;
  return String(s.headers.streamtype === "data" ? s.id - 2 : s.id);
}
