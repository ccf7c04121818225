import { afterAll, describe, expect, test } from "bun:test";
import { encodeResize } from "../../shared/streams/channel.ts";
import { tunnelDuplex } from "../../shared/streams/tunnel/duplex.ts";
import { TunnelMux, type TunnelStream } from "../../shared/streams/tunnel/mux.ts";
import type { OpenRequest } from "../../shared/streams/tunnel/types.ts";
import { FakeStreamProvider } from "./fake-provider.ts";
import { rfc3339Nano, selectLines } from "./log-lines.ts";
import { serveStream } from "./serve.ts";

const pod = { namespace: "default", name: "web", uid: "u1" };
const bytes = (s: string) => new TextEncoder().encode(s);

const echo = Bun.listen({
  hostname: "127.0.0.1",
  port: 0,
  socket: { data: (sock, d) => void sock.write(d), end: (sock) => void sock.end() },
});
afterAll(() => echo.stop(true));

function setup() {
  const provider = new FakeStreamProvider({ ports: { 80: echo.port } });
  let agent!: TunnelMux;
  const server = new TunnelMux({ send: (f) => queueMicrotask(() => agent.receive(f)) });
  agent = new TunnelMux({ send: (f) => queueMicrotask(() => server.receive(f)), onOpen: (s) => void serveStream(s, provider) });
  return { provider, server };
}

/** Open a stream and collect its output per channel until its result. */
async function run(server: TunnelMux, req: OpenRequest, feed?: (s: TunnelStream) => Promise<void>) {
  const s = server.open(req);
  await s.ready();
  const out: Record<number, string> = {};
  s.attach({ data: (ch, b) => void (out[ch] = (out[ch] ?? "") + new TextDecoder().decode(b)) });
  await feed?.(s);
  return { result: await s.result, out };
}

const exec = (command: string[], o: Partial<{ stdin: boolean; tty: boolean }> = {}): OpenRequest => ({
  kind: "exec",
  pod,
  container: "c",
  command,
  stdin: o.stdin ?? false,
  stdout: true,
  stderr: !o.tty,
  tty: o.tty ?? false,
});
const logReq = (o: Partial<Extract<OpenRequest, { kind: "log" }>["options"]> = {}): OpenRequest => ({
  kind: "log",
  pod,
  container: "c",
  options: { follow: false, previous: false, timestamps: false, ...o },
});

describe("serving tunnel streams from a provider", () => {
  test("a log comes back with tailLines, timestamps and limitBytes applied", async () => {
    const { provider, server } = setup();
    for (const [i, l] of ["one", "two", "three"].entries()) provider.addLog(pod, "c", l, { time: new Date(Date.UTC(2026, 0, 1, 0, 0, i, 500)) });
    expect((await run(server, logReq())).out[1]).toBe("one\ntwo\nthree\n");
    expect((await run(server, logReq({ tailLines: 1, timestamps: true }))).out[1]).toBe("2026-01-01T00:00:02.5Z three\n");
    expect((await run(server, logReq({ limitBytes: 6 }))).out[1]).toBe("one\ntw");
    expect((await run(server, logReq({ sinceTime: "2026-01-01T00:00:01Z" }))).out[1]).toBe("two\nthree\n");
  });

  test("a followed log sends lines written later, and stops when the server resets the stream", async () => {
    const { provider, server } = setup();
    provider.addLog(pod, "c", "first");
    const s = server.open(logReq({ follow: true }));
    await s.ready();
    let text = "";
    s.attach({ data: (_c, b) => void (text += new TextDecoder().decode(b)) });
    provider.addLog(pod, "c", "second");
    const end = Date.now() + 5000;
    while (text !== "first\nsecond\n" && Date.now() < end) await Bun.sleep(1);
    expect(text).toBe("first\nsecond\n");
    s.reset("kubectl went away");
    expect((await s.result).error?.message).toBe("stream reset: kubectl went away");
  });

  test("the previous log of a container that never restarted is a 400 before READY", async () => {
    const { server } = setup();
    const s = server.open(logReq({ previous: true }));
    await expect(s.ready()).rejects.toMatchObject({ code: 400, message: 'previous terminated container "c" in pod "web" not found' });
  });

  test("exec of cat echoes stdin and exits 0 once stdin is closed", async () => {
    const { server } = setup();
    const r = await run(server, exec(["cat"], { stdin: true }), async (s) => {
      await s.write(0, bytes("hello\n"));
      s.closeChannel(0);
    });
    expect(r).toEqual({ result: { exitCode: 0 }, out: { 1: "hello\n" } });
  });

  test('exec of sh -c "exit 3" ends with exit code 3, after its output on stdout and stderr', async () => {
    const { server } = setup();
    expect(await run(server, exec(["sh", "-c", "echo out; echo err >&2; exit 3"]))).toEqual({ result: { exitCode: 3 }, out: { 1: "out\n", 2: "err\n" } });
  });

  test("exec of an unknown command is refused before READY", async () => {
    const { server } = setup();
    await expect(server.open(exec(["nope"])).ready()).rejects.toMatchObject({ code: 500, message: 'exec: "nope": executable file not found in $PATH' });
  });

  test("a resize reaches the process: stty size prints the terminal's rows and columns", async () => {
    const { server, provider } = setup();
    const r = await run(server, exec(["stty", "size"], { tty: true }), async (s) => s.write(4, encodeResize(120, 40).subarray(1)));
    expect(r.out[1]).toBe("40 120\n");
    expect(provider.resizes).toEqual([{ width: 120, height: 40 }]);
  });

  test("port-forward carries bytes to a TCP server and back, and ends when both sides close", async () => {
    const { server } = setup();
    const s = server.open({ kind: "portforward", pod, port: 80 });
    await s.ready();
    const d = tunnelDuplex(s, { read: 1, write: 0 });
    const w = d.writable.getWriter();
    await w.write(bytes("through the tunnel"));
    await w.close();
    expect(await new Response(d.readable).text()).toBe("through the tunnel");
    expect(await s.result).toEqual({});
  });

  test("port-forward to a port nothing maps is refused with the provider's message", async () => {
    const { server } = setup();
    await expect(server.open({ kind: "portforward", pod, port: 81 }).ready()).rejects.toThrow("failed to connect to localhost:81 inside the pod: connection refused");
  });
});

describe("log lines", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const lines = [1, 2, 3, 4].map((s) => ({ time: t(s), text: `${s}\n` }));

  test("tailLines keeps the last lines of those since the given time; 0 keeps none", () => {
    expect(selectLines(lines, { since: t(2), tailLines: 2 }).map((l) => l.text)).toEqual(["3\n", "4\n"]);
    expect(selectLines(lines, { tailLines: 0 })).toEqual([]);
  });

  test("timestamps are RFC 3339 with trailing zeros of the fraction dropped, as Go prints them", () => {
    expect(rfc3339Nano(new Date("2026-01-01T00:00:00.120Z"))).toBe("2026-01-01T00:00:00.12Z");
    expect(rfc3339Nano(new Date("2026-01-01T00:00:00.000Z"))).toBe("2026-01-01T00:00:00Z");
  });
});
