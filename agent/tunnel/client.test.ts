import { afterEach, describe, expect, test } from "bun:test";
import { FakeStreamProvider } from "./fake-provider.ts";
import { TunnelClient } from "./client.ts";

/** A server that accepts tunnels, records them, and answers nothing (no pongs). */
function silentServer() {
  const seen: { path: string; auth: string | null; closeCode?: number }[] = [];
  const server = Bun.serve<{ i: number }>({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req, srv) {
      seen.push({ path: new URL(req.url).pathname, auth: req.headers.get("authorization") });
      return srv.upgrade(req, { data: { i: seen.length - 1 } }) ? undefined : new Response("no", { status: 400 });
    },
    websocket: { message() {}, close: (ws, code) => void (seen[ws.data.i]!.closeCode = code) },
  });
  return { server, seen };
}

async function until(what: string, pred: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe("the agent's tunnel client", () => {
  test("it connects to /v1-kubun/tunnel with a fresh bearer token each time", async () => {
    const { server, seen } = silentServer();
    let n = 0;
    const client = new TunnelClient({ server: `http://127.0.0.1:${server.port}`, token: async () => `token-${++n}`, provider: new FakeStreamProvider(), keepaliveMs: 50, backoff: { initialMs: 10, maxMs: 20 } }).start();
    cleanup.push(() => client.stop(), () => server.stop(true));
    await client.whenConnected();
    expect(seen[0]).toMatchObject({ path: "/v1-kubun/tunnel", auth: "Bearer token-1" });
  });

  test("a server that stops answering pings is dropped (close 4000) and connected to again", async () => {
    const { server, seen } = silentServer();
    const client = new TunnelClient({ server: `http://127.0.0.1:${server.port}`, token: async () => "t", provider: new FakeStreamProvider(), keepaliveMs: 50, backoff: { initialMs: 10, maxMs: 20 } }).start();
    cleanup.push(() => client.stop(), () => server.stop(true));
    await until("a second connection", () => seen.length >= 2);
    expect(seen[0]!.closeCode).toBe(4000);
  });

  test("a refused connection is retried with backoff until the server is there", async () => {
    const { server } = silentServer();
    const port = server.port;
    server.stop(true);
    let attempts = 0;
    const client = new TunnelClient({ server: `http://127.0.0.1:${port}`, token: async () => `t${++attempts}`, provider: new FakeStreamProvider(), backoff: { initialMs: 10, maxMs: 40 } }).start();
    cleanup.push(() => client.stop());
    await until("two refused attempts", () => attempts >= 2);
    expect(client.connected).toBe(false);
    const again = Bun.serve<{ n: number }>({ port, hostname: "127.0.0.1", fetch: (req, srv) => (srv.upgrade(req, { data: { n: 0 } }) ? undefined : new Response(null, { status: 400 })), websocket: { message() {} } });
    cleanup.push(() => again.stop(true));
    await client.whenConnected();
  });
});
