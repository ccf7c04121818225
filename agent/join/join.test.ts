import { describe, expect, test } from "bun:test";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createLogger } from "../../shared/log.ts";
import { verifyNodeAssertion } from "../../shared/pki/assertion.ts";
import { createCa } from "../../shared/pki/ca.ts";
import { issueClientCertificate } from "../../shared/pki/client.ts";
import { formatJoinToken } from "../../shared/pki/join-token.ts";
import { tempDir } from "../../shared/pki/testing.ts";
import { joinCluster } from "./join.ts";
import type { TlsSettings } from "./transport.ts";

const SERVER = "https://10.0.0.1:6443";

/** A stand-in for the server's join endpoints, built from shared/pki only. */
async function fakeServer(opts: { refuse?: { code: number; message: string } } = {}) {
  const serverCa = await createCa({ commonName: "server-ca" });
  const clientCa = await createCa({ commonName: "client-ca" });
  const seen: { method: string; path: string; tls: TlsSettings; auth: string | null; body?: any }[] = [];
  const fetch = async (req: Request, tls: TlsSettings) => {
    const path = new URL(req.url).pathname;
    const body = (req.method === "POST" ? await req.json() : undefined) as any;
    seen.push({ method: req.method, path, tls, auth: req.headers.get("authorization"), body });
    if (path === "/cacerts") return new Response(serverCa.certPem);
    if (path === "/v1-kubun/node-credential") {
      if (opts.refuse) return Response.json({ kind: "Status", code: opts.refuse.code, message: opts.refuse.message }, { status: opts.refuse.code });
      const { certPem } = await issueClientCertificate(clientCa, body.csr, { cn: `system:node:${body.nodeName}`, o: ["system:nodes"] });
      return Response.json({ certificate: certPem, clientCA: clientCa.certPem, serverCA: serverCa.certPem });
    }
    return Response.json({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "1" }, items: [] });
  };
  return { serverCa, clientCa, seen, fetch, token: formatJoinToken(serverCa.certPem, "s3cret") };
}

const quiet = createLogger("error");
const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe("joinCluster", () => {
  test("a token pinning another CA is refused before anything is written", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    const token = `K10${"ab".repeat(32)}::server:s3cret`;
    await expect(joinCluster({ server: SERVER, token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet })).rejects.toThrow("token CA hash does not match");
    expect(await readdir(dir.path)).toEqual([]);
    expect(srv.seen.map((r) => r.path)).toEqual(["/cacerts"]);
  });

  test("a matching token gets the node credential, stored with private files 0600", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    const creds = await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    expect(creds.user).toBe("system:node:n1");
    expect(srv.seen[0]).toMatchObject({ path: "/cacerts", tls: { rejectUnauthorized: false } });
    const post = srv.seen[1]!;
    expect(post.tls).toEqual({ ca: srv.serverCa.certPem });
    expect(post.auth).toBe(`Basic ${Buffer.from("node:s3cret").toString("base64")}`);
    expect(post.body.nodeName).toBe("n1");
    const agent = join(dir.path, "agent");
    expect((await readdir(agent)).sort()).toEqual(["client-ca.crt", "node-password", "node.crt", "node.key", "server-ca.crt"]);
    expect(await modeOf(join(agent, "node.key"))).toBe(0o600);
    expect(await modeOf(join(agent, "node-password"))).toBe(0o600);
    expect((await readFile(join(agent, "node-password"), "utf8")).trim()).toBe(post.body.nodePassword);
    expect(await readFile(join(agent, "server-ca.crt"), "utf8")).toBe(srv.serverCa.certPem);
  });

  test("the client sends a verifiable assertion and trusts only the pinned CA", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    const creds = await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    await creds.client().list({ group: "", version: "v1", plural: "pods" });
    const call = srv.seen.at(-1)!;
    expect(call.tls).toEqual({ ca: srv.serverCa.certPem });
    const v = await verifyNodeAssertion(call.auth!.slice(7), { clientCa: srv.clientCa.certPem });
    expect(v).toMatchObject({ user: "system:node:n1", groups: ["system:nodes", "system:authenticated"] });
  });

  test("a restart with the stored credential needs no token and makes no request", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    const first = await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    const n = srv.seen.length;
    const again = await joinCluster({ server: SERVER, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    expect(again.certPem).toBe(first.certPem);
    expect(srv.seen.length).toBe(n);
    await expect(joinCluster({ server: SERVER, dataDir: dir.path, nodeName: "other", fetch: srv.fetch, log: quiet })).rejects.toThrow('no node credential for "other"');
  });

  test("a re-join after the credential is lost keeps the node password", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    await rm(join(dir.path, "agent", "node.crt"));
    await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet });
    const posts = srv.seen.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.nodePassword).toBe(posts[0]!.body.nodePassword);
    expect(posts[1]!.body.csr).not.toBe(posts[0]!.body.csr);
  });

  test("a bare secret joins without a CA pin, with a warning", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    const lines: string[] = [];
    const log = createLogger("info", {}, (l) => lines.push(l) > 0);
    await joinCluster({ server: SERVER, token: "s3cret", dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log });
    expect(lines.some((l) => l.includes("WARN") && l.includes("pins no CA"))).toBe(true);
  });

  test("a refusal by the server becomes an error with its message, and no credential is stored", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer({ refuse: { code: 403, message: "node password does not match" } });
    await expect(joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet })).rejects.toThrow(
      'joining https://10.0.0.1:6443 as node "n1" failed (403): node password does not match',
    );
    expect(await readdir(join(dir.path, "agent"))).toEqual(["node-password"]);
  });
});

describe("NodeCredentials", () => {
  test("the assertion is reused for ten minutes, then signed again", async () => {
    await using dir = await tempDir();
    const srv = await fakeServer();
    let now = new Date();
    const creds = await joinCluster({ server: SERVER, token: srv.token, dataDir: dir.path, nodeName: "n1", fetch: srv.fetch, log: quiet, now: () => now });
    const [a, b] = await Promise.all([creds.assertion(), creds.assertion()]);
    expect(b).toBe(a);
    now = new Date(now.getTime() + 9 * 60_000);
    expect(await creds.assertion()).toBe(a);
    now = new Date(now.getTime() + 2 * 60_000);
    const c = await creds.assertion();
    expect(c).not.toBe(a);
    await verifyNodeAssertion(c, { clientCa: srv.clientCa.certPem, now });
  });
});
