// Streams through the API server, in one process over real sockets: the server (startServer),
// a node joined with the server token whose agent tunnel serves a FakeStreamProvider, and
// clients speaking what kubectl speaks (the e2e test drives the real kubectl).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../shared/log.ts";
import { ensureServerPki } from "../../shared/pki/bootstrap.ts";
import { FLAG_FIN } from "../../shared/streams/spdy/frames.ts";
import { SpdyTestClient } from "../../shared/streams/spdy/testing.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import { rawWebSocket } from "./raw-websocket.ts";
import { execOverWebSocket, startStreamNode, type StreamNode } from "./streams-fixture.ts";

let dir: string;
let server: RunningServer;
let node: StreamNode;
let admin: string;
let ca: string;
let url: string;

const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    tls: { ca },
  } as RequestInit);
async function waitUntil(what: string, pred: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
}
const ws = (path: string) => `${url.replace("https", "wss")}${path}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kubun-streams-"));
  const pki = await ensureServerPki({ dataDir: join(dir, "data"), sans: { ips: [], dns: [] }, kubeconfigPath: join(dir, "kubeconfig.yaml"), kubeconfigMode: 0o600, port: 0 });
  server = await startServer({
    port: 0,
    bindAddress: "127.0.0.1",
    advertise: "127.0.0.1:6443",
    tls: { cert: pki.serving.certPem, key: pki.serving.keyPem },
    tokens: [{ token: pki.admin.token, user: { name: "system:admin", groups: ["system:masters"] } }],
    datastore: "memory://",
    log: createLogger("error"),
    join: { serverCaPem: pki.serverCa.certPem, clientCa: pki.clientCa, tokenSecret: pki.tokenSecret },
  });
  admin = pki.admin.token;
  ca = pki.serverCa.certPem;
  url = `https://127.0.0.1:${server.port}`;
  node = await startStreamNode({ server: url, joinToken: pki.joinToken, name: "edge-1", admin: api });
  await node.runningPod("web");
});

afterAll(async () => {
  await node?.stop();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the node tunnel endpoint", () => {
  test("the node's tunnel is open, and the server knows it by the node's name", async () => {
    await server.ctx.streams!.whenConnected("edge-1");
    expect(node.tunnel.connected).toBe(true);
  });

  test("a tunnel the server drops is opened again by the agent, and streams work through the new one", async () => {
    const hub = server.ctx.streams!;
    hub.close();
    await waitUntil("the old tunnel to be gone", () => !hub.connected("edge-1"));
    await hub.whenConnected("edge-1");
    const r = await execOverWebSocket(ws("/api/v1/namespaces/default/pods/web/exec?command=echo&command=again&container=app&stdout=true"), { token: admin, ca });
    expect(r.out[1]).toBe("again\n");
  });

  test("only nodes may open a tunnel: the admin gets 403, no credential 401, a node without an upgrade 400", async () => {
    const forbidden = await api("GET", "/v1-kubun/tunnel");
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { message: string }).message).toContain('User "system:admin" cannot open a node tunnel');
    expect((await fetch(`${url}/v1-kubun/tunnel`, { tls: { ca } } as RequestInit)).status).toBe(401);
    const plain = await node.creds.fetch(new Request(`${url}/v1-kubun/tunnel`));
    expect(plain.status).toBe(400);
  });
});

describe("pods/log", () => {
  test("the log comes back as text/plain, cut by tailLines and with timestamps when asked", async () => {
    for (const [i, l] of ["alpha", "beta", "gamma"].entries()) node.provider.addLog({ namespace: "default", name: "web" }, "app", l, { time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    const all = await api("GET", "/api/v1/namespaces/default/pods/web/log?container=app");
    expect(all.headers.get("content-type")).toBe("text/plain");
    expect(await all.text()).toBe("alpha\nbeta\ngamma\n");
    const tail = await api("GET", "/api/v1/namespaces/default/pods/web/log?tailLines=1&timestamps=true");
    expect(await tail.text()).toBe("2026-01-01T00:00:02Z gamma\n");
  });

  test("follow keeps the response open and sends lines written later", async () => {
    await node.runningPod("follow");
    node.provider.addLog({ namespace: "default", name: "follow" }, "app", "first");
    const res = await api("GET", "/api/v1/namespaces/default/pods/follow/log?follow=true");
    const reader = res.body!.getReader();
    let text = "";
    const readUntil = async (want: string) => {
      while (!text.includes(want)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil("first\n");
    node.provider.addLog({ namespace: "default", name: "follow" }, "app", "second");
    await readUntil("second\n");
    expect(text).toBe("first\nsecond\n");
    await reader.cancel();
  });

  test("a container still waiting has no log: 400 with the kubelet's message", async () => {
    await node.runningPod("waiting");
    await node.reportStatus("default", "waiting", { containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] });
    const res = await api("GET", "/api/v1/namespaces/default/pods/waiting/log");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "BadRequest", message: 'container "app" in pod "waiting" is waiting to start: ContainerCreating' });
  });

  test("bad options are refused as upstream refuses them", async () => {
    const neg = await api("GET", "/api/v1/namespaces/default/pods/web/log?tailLines=-1");
    expect(neg.status).toBe(422);
    expect(((await neg.json()) as { message: string }).message).toBe('PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    const two = await api("GET", "/api/v1/namespaces/default/pods/web/log?container=nope");
    expect(((await two.json()) as { message: string }).message).toBe("container nope is not valid for pod web");
  });

  test("a pod on a node without a tunnel gets 503 naming the node", async () => {
    const created = await api("POST", "/api/v1/namespaces/default/pods", { metadata: { name: "far" }, spec: { nodeName: "offline", containers: [{ name: "app", image: "busybox" }] } });
    expect(created.status).toBe(201);
    const res = await api("GET", "/api/v1/namespaces/default/pods/far/log");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toBe('error dialing backend: node "offline" has no tunnel to the server (is its agent running?)');
  });
});

describe("pods/exec over WebSocket v5.channel.k8s.io", () => {
  const execPath = (cmd: string[], flags = "stdout=true&stderr=true") => `/api/v1/namespaces/default/pods/web/exec?${cmd.map((c) => `command=${encodeURIComponent(c)}`).join("&")}&container=app&${flags}`;

  test("the subprotocol is echoed; a non-zero exit is a NonZeroExitCode status after the output, then close 1000", async () => {
    const r = await execOverWebSocket(ws(execPath(["sh", "-c", "echo hi; echo oops >&2; exit 3"])), { token: admin, ca });
    expect(r.protocol).toBe("v5.channel.k8s.io");
    expect(r.out[1]).toBe("hi\n");
    expect(r.out[2]).toBe("oops\n");
    expect(r.status).toMatchObject({ status: "Failure", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "3" }] } });
    expect(r.closeCode).toBe(1000);
  });

  test("stdin reaches cat and comes back; the v5 close message is its EOF; exit 0 is Success", async () => {
    const r = await execOverWebSocket(ws(execPath(["cat"], "stdin=true&stdout=true&stderr=true")), { token: admin, ca, stdin: ["hello ", "world\n"], closeStdin: true });
    expect(r.out[1]).toBe("hello world\n");
    expect(r.status).toEqual({ metadata: {}, status: "Success" });
  });

  test("with a tty, resize messages reach the process", async () => {
    const r = await execOverWebSocket(ws(execPath(["stty", "size"], "stdin=true&stdout=true&tty=true")), { token: admin, ca, resize: { width: 132, height: 43 } });
    expect(r.out[1]).toBe("43 132\n");
  });

  test("a command the node cannot run fails after the upgrade with its message", async () => {
    const r = await execOverWebSocket(ws(execPath(["nope"])), { token: admin, ca });
    expect(r.status).toMatchObject({ status: "Failure", message: 'exec: "nope": executable file not found in $PATH' });
  });

  test("a request without the v5 WebSocket (kubectl's SPDY fallback) is a 400 saying what is served", async () => {
    const res = await api("POST", execPath(["ls"]), undefined, { upgrade: "SPDY/3.1", connection: "Upgrade" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toStartWith("Upgrade required: kubun serves pods/exec only as a WebSocket with the subprotocol v5.channel.k8s.io");
  });

  test("attach echoes stdin like the container's own process would", async () => {
    const r = await execOverWebSocket(ws("/api/v1/namespaces/default/pods/web/attach?container=app&stdin=true&stdout=true&stderr=true"), { token: admin, ca, stdin: ["typed\n"], closeStdin: true });
    expect(r.out[1]).toBe("typed\n");
    expect(r.status).toEqual({ metadata: {}, status: "Success" });
  });
});

describe("pods/portforward as SPDY/3.1 inside a WebSocket", () => {
  test("a forwarded connection reaches the pod's port and back through the tunnel", async () => {
    const client = new SpdyTestClient();
    const sock = await rawWebSocket(ws("/api/v1/namespaces/default/pods/web/portforward"), { ca, headers: { authorization: `Bearer ${admin}` }, protocol: "SPDY/3.1+portforward.k8s.io" });
    sock.onMessage((m) => client.accept(m));
    expect(sock.protocol).toBe("SPDY/3.1+portforward.k8s.io");
    sock.send(await client.synStream(1, { streamtype: "error", port: "80", requestid: "0" }, FLAG_FIN));
    sock.send(await client.synStream(3, { streamtype: "data", port: "80", requestid: "0" }));
    sock.send(client.data(3, "GET / HTTP/1.0\r\n\r\n"));
    await client.until("the echo", () => (client.streamData(3).text === "GET / HTTP/1.0\r\n\r\n" ? true : undefined));
    sock.send(await client.synStream(5, { streamtype: "error", port: "81", requestid: "1" }, FLAG_FIN));
    sock.send(await client.synStream(7, { streamtype: "data", port: "81", requestid: "1" }));
    await client.until("the error for port 81", () => (client.streamData(5).fin ? true : undefined));
    expect(client.streamData(5).text).toMatch(/^error forwarding port 81 to pod default\/web, uid [\w-]+: .*connection refused$/);
    sock.close();
    client.close();
  });
});
