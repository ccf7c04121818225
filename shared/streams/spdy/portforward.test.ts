import { describe, expect, test } from "bun:test";
import type { Duplex } from "../duplex.ts";
import { encodeFrame, FLAG_FIN } from "./frames.ts";
import { startPortForward, type PortForwardOptions } from "./portforward.ts";
import { SpdyTestClient } from "./testing.ts";

/** A connection that sends back what it gets, and ends when its input ends. */
function echo(): Duplex {
  const t = new TransformStream<Uint8Array, Uint8Array>();
  return { readable: t.readable, writable: t.writable };
}

function setup(opts: Partial<PortForwardOptions> = {}) {
  const client = new SpdyTestClient();
  const dialled: number[] = [];
  let closed: string | undefined;
  const session = startPortForward({
    write: (b) => client.accept(b),
    dial: async (port) => {
      dialled.push(port);
      return echo();
    },
    onClose: (r) => (closed = r),
    ...opts,
  });
  return { client, session, dialled, closed: () => closed };
}

const pair = async (c: SpdyTestClient, first: number, port = "80", requestid = "0") => [
  await c.synStream(first, { streamtype: "error", port, requestid }, FLAG_FIN),
  await c.synStream(first + 2, { streamtype: "data", port, requestid }),
];

describe("port-forward over SPDY", () => {
  test("both streams of a pair get a SYN_REPLY, and bytes on the data stream reach the port and come back", async () => {
    const { client, session, dialled } = setup();
    for (const f of await pair(client, 1)) session.receive(f);
    await client.until("two SYN_REPLYs", (fs) => (fs.filter((f) => f.type === "synReply").length === 2 ? true : undefined));
    expect(client.received.filter((f) => f.type === "synReply").map((f) => [f.type === "synReply" && f.streamId, f.type === "synReply" && f.flags])).toEqual([[1, 0], [3, 0]]);
    session.receive(client.data(3, "ping?"));
    await client.until("the echo", () => (client.streamData(3).text === "ping?" ? true : undefined));
    expect(dialled).toEqual([80]);
    session.receive(client.data(3, "", true));
    await client.until("FIN on the data and error streams", () => (client.streamData(3).fin && client.streamData(1).fin ? true : undefined));
    expect(client.streamData(1).text).toBe("");
  });

  test("a failed dial writes its message to the error stream and closes both streams", async () => {
    const { client, session } = setup({
      dial: () => Promise.reject(new Error("connection refused")),
      describeError: (port, err) => `error forwarding port ${port} to pod web: ${err.message}`,
    });
    for (const f of await pair(client, 1, "8080")) session.receive(f);
    await client.until("the error stream to close", () => (client.streamData(1).fin ? true : undefined));
    expect(client.streamData(1).text).toBe("error forwarding port 8080 to pod web: connection refused");
    expect(client.streamData(3).fin).toBe(true);
  });

  test("the client's whole byte stream fed one byte per message works the same", async () => {
    const { client, session } = setup();
    const wire = [...(await pair(client, 1)), client.data(3, "split"), client.data(3, "", true)];
    for (const frame of wire) for (const b of frame) session.receive(Uint8Array.of(b));
    await client.until("the echo and FIN", () => (client.streamData(3).fin ? true : undefined));
    expect(client.streamData(3).text).toBe("split");
  });

  test("two connections forward at once, told apart by their request ids", async () => {
    const { client, session } = setup();
    for (const f of [...(await pair(client, 1, "80", "0")), ...(await pair(client, 5, "81", "1"))]) session.receive(f);
    session.receive(client.data(7, "second"));
    session.receive(client.data(3, "first"));
    await client.until("both echoes", () => (client.streamData(3).text === "first" && client.streamData(7).text === "second" ? true : undefined));
  });

  test("a PING from the client is echoed with its id", async () => {
    const { client, session } = setup();
    session.receive(encodeFrame({ type: "ping", id: 7 }));
    expect(await client.until("the PING echo", (fs) => fs.find((f) => f.type === "ping"))).toEqual({ type: "ping", id: 7 });
  });

  test("a stream without a port, or with an unknown stream type, is reset", async () => {
    const { client, session } = setup();
    session.receive(await client.synStream(1, { streamtype: "data", requestid: "0" }));
    session.receive(await client.synStream(3, { streamtype: "video", port: "80", requestid: "0" }));
    const resets = await client.until("two RST_STREAMs", (fs) => {
      const r = fs.filter((f) => f.type === "rstStream");
      return r.length === 2 ? r : undefined;
    });
    expect(resets.map((f) => f.type === "rstStream" && f.streamId)).toEqual([1, 3]);
  });

  test("RST_STREAM from the client drops the connection to the port", async () => {
    let cancelled = false;
    const { client, session } = setup({
      dial: async () => ({
        readable: new ReadableStream({ cancel: () => void (cancelled = true) }),
        writable: new WritableStream(),
      }),
    });
    for (const f of await pair(client, 1)) session.receive(f);
    await client.until("two SYN_REPLYs", (fs) => (fs.filter((f) => f.type === "synReply").length === 2 ? true : undefined));
    session.receive(encodeFrame({ type: "rstStream", streamId: 3, status: 5 }));
    await client.until("the error stream to close", () => (client.streamData(1).fin ? true : undefined));
    expect(cancelled).toBe(true);
  });

  test("GOAWAY ends the session", async () => {
    const s = setup();
    s.session.receive(encodeFrame({ type: "goAway", lastGoodStreamId: 0, status: 0 }));
    await s.client.until("the session to close", () => s.closed());
    expect(s.closed()).toBe("the peer sent GOAWAY");
  });
});
