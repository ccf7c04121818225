import { describe, expect, test } from "bun:test";
import { decodeTunnelFrame, encodeTunnelFrame, TunnelProtocolError, type TunnelFrame } from "./frames.ts";
import { tunnelDuplex } from "./duplex.ts";
import { INITIAL_WINDOW, TunnelMux, type TunnelStream } from "./mux.ts";
import type { OpenRequest } from "./types.ts";

const pod = { namespace: "default", name: "web", uid: "u1" };
const LOG: OpenRequest = { kind: "log", pod, container: "c", options: { follow: false, previous: false, timestamps: false } };
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

/** A server mux and an agent mux wired back to back, delivering asynchronously like a socket. */
function pair(onOpen: (s: TunnelStream) => void = () => {}) {
  const sent = { server: 0, agent: 0 };
  let agent!: TunnelMux;
  const server = new TunnelMux({ send: (f) => (sent.server++, queueMicrotask(() => agent.receive(f))) });
  agent = new TunnelMux({ send: (f) => (sent.agent++, queueMicrotask(() => server.receive(f))), onOpen });
  return { server, agent, sent };
}

async function until<T>(what: string, fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe("tunnel frames", () => {
  test("a data frame is [type 3][id][channel][bytes]", () => {
    expect([...encodeTunnelFrame({ type: "data", id: 258, channel: 1, data: bytes("hi") })]).toEqual([3, 0, 0, 1, 2, 1, 104, 105]);
  });

  test("every frame type survives an encode/decode round trip", () => {
    const frames: TunnelFrame[] = [
      { type: "open", id: 1, request: LOG },
      { type: "ready", id: 1 },
      { type: "data", id: 1, channel: 2, data: bytes("x") },
      { type: "close", id: 1, channel: 0 },
      { type: "end", id: 1, result: { exitCode: 3 } },
      { type: "reset", id: 1, reason: "gone" },
      { type: "window", id: 1, bytes: 65536 },
      { type: "ping", id: 0, data: Uint8Array.of(0, 0, 0, 1) },
      { type: "pong", id: 0, data: Uint8Array.of(0, 0, 0, 1) },
    ];
    for (const f of frames) expect(decodeTunnelFrame(encodeTunnelFrame(f))).toEqual(f);
  });

  test("a short frame, an unknown type or a data frame without a channel is a protocol error", () => {
    expect(() => decodeTunnelFrame(Uint8Array.of(3, 0))).toThrow(TunnelProtocolError);
    expect(() => decodeTunnelFrame(Uint8Array.of(99, 0, 0, 0, 1))).toThrow("tunnel frame type 99 is unknown");
    expect(() => decodeTunnelFrame(Uint8Array.of(3, 0, 0, 0, 1))).toThrow("lacks its channel byte");
  });
});

describe("the tunnel multiplexer", () => {
  test("an opened stream reaches the agent with its request; data flows both ways in order; END settles after the data", async () => {
    const got: string[] = [];
    const { server } = pair((s) => {
      expect(s.request).toEqual(LOG);
      s.accept();
      s.attach({ data: (ch, b) => void s.write(1, bytes(`echo:${ch}:${text(b)}`)), close: () => s.end({ exitCode: 0 }) });
    });
    const s = server.open(LOG);
    await s.ready();
    s.attach({ data: (_ch, b) => void got.push(text(b)) });
    await s.write(0, bytes("a"));
    await s.write(0, bytes("b"));
    s.closeChannel(0);
    expect(await s.result).toEqual({ exitCode: 0 });
    expect(got).toEqual(["echo:0:a", "echo:0:b"]);
    expect(server.size).toBe(0);
  });

  test("an agent that answers END with a failure instead of READY makes ready() reject with that Status", async () => {
    const { server } = pair((s) => s.end({ error: { code: 400, reason: "BadRequest", message: 'container "c" is not running' } }));
    const s = server.open(LOG);
    await expect(s.ready()).rejects.toMatchObject({ code: 400, message: 'container "c" is not running' });
  });

  test("output sent before the server attaches is kept and delivered in order, then the END", async () => {
    const { server } = pair(async (s) => {
      s.accept();
      for (const w of ["1", "2", "3"]) await s.write(1, bytes(w));
      s.end({});
    });
    const s = server.open(LOG);
    await s.ready();
    await until("the END to be queued", () => (server.size === 1 ? true : undefined));
    const got: string[] = [];
    s.attach({ data: (_c, b) => void got.push(text(b)) });
    expect(await s.result).toEqual({});
    expect(got).toEqual(["1", "2", "3"]);
  });

  test("a writer stops at the window until the receiver has taken the data, then goes on", async () => {
    let release!: () => void;
    const taken = new Promise<void>((r) => (release = r));
    let agentStream!: TunnelStream;
    const { server, agent } = pair((s) => (agentStream = s));
    const s = server.open(LOG);
    await until("the agent stream", () => agentStream);
    agentStream.attach({ data: () => taken });
    const chunk = new Uint8Array(INITIAL_WINDOW / 8);
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < 12; i++) {
        await s.write(0, chunk);
        written++;
      }
    })();
    await until("the writer to use its window", () => (written === 8 ? true : undefined));
    // Frames are ordered: a WINDOW sent before the pong would have arrived before it.
    await agent.ping();
    await agent.ping();
    expect(written).toBe(8);
    release();
    await writing;
    expect(written).toBe(12);
  });

  test("RESET from one side settles the other side's result with a failure", async () => {
    let agentStream!: TunnelStream;
    const { server } = pair((s) => (agentStream = s));
    const s = server.open(LOG);
    await until("the agent stream", () => agentStream);
    s.reset("kubectl went away");
    expect((await agentStream.result).error?.message).toBe("stream reset by the other end: kubectl went away");
  });

  test("a closed tunnel fails its streams, and later opens, with the reason", async () => {
    const { server } = pair(() => {});
    const s = server.open(LOG);
    const failure = { code: 503, reason: "ServiceUnavailable", message: "tunnel closed" };
    server.close(failure);
    expect(await s.result).toEqual({ error: failure });
    await expect(server.open(LOG).ready()).rejects.toMatchObject({ code: 503 });
  });

  test("a ping resolves when the far end's pong comes back", async () => {
    const { agent } = pair();
    await agent.ping();
  });

  test("a stream seen as a duplex carries bytes both ways and half-closes", async () => {
    const { server } = pair((s) => {
      s.accept();
      const d = tunnelDuplex(s, { read: 0, write: 1 });
      void d.readable.pipeTo(d.writable).then(() => s.end({}));
    });
    const s = server.open({ kind: "portforward", pod, port: 80 });
    await s.ready();
    const d = tunnelDuplex(s, { read: 1, write: 0 });
    const w = d.writable.getWriter();
    await w.write(bytes("round "));
    await w.write(bytes("trip"));
    await w.close();
    expect(await new Response(d.readable).text()).toBe("round trip");
  });
});
