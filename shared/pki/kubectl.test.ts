// Interoperability: the real kubectl reads the admin kubeconfig, trusts the serving
// certificate, and presents both the admin client certificate and the bearer token.

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ensureServerPki } from "./bootstrap.ts";
import { tempDir } from "./testing.ts";

const hasKubectl = Bun.which("kubectl") !== null;

describe("admin kubeconfig with kubectl", () => {
  test.skipIf(!hasKubectl)("kubectl connects over mutual TLS and sends the admin token", async () => {
    await using dir = await tempDir();
    const opts = { dataDir: join(dir.path, "data"), sans: { ips: [], dns: [] }, kubeconfigPath: join(dir.path, "kubun.yaml"), kubeconfigMode: 0o600 };
    const pki = await ensureServerPki({ ...opts, port: 6443 });
    const auth: string[] = [];
    using server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      tls: { cert: pki.serving.certPem, key: pki.serving.keyPem, ca: pki.clientCa.certPem, requestCert: true, rejectUnauthorized: true },
      fetch(req) {
        auth.push(req.headers.get("authorization") ?? "");
        if (new URL(req.url).pathname === "/version") return Response.json({ major: "1", minor: "33", gitVersion: "v1.33.0+kubun" });
        return new Response("ok");
      },
    });
    await ensureServerPki({ ...opts, port: server.port! });
    const kubectl = Bun.spawn(["kubectl", "--kubeconfig", pki.kubeconfigPath, "get", "--raw", "/healthz"], { stdout: "pipe", stderr: "pipe" });
    const [code, out, err] = await Promise.all([kubectl.exited, new Response(kubectl.stdout).text(), new Response(kubectl.stderr).text()]);
    expect({ code, out, err }).toEqual({ code: 0, out: "ok", err: "" });
    expect(auth.length).toBeGreaterThan(0);
    for (const a of auth) expect(a).toBe(`Bearer ${pki.admin.token}`);
  });

  test("the server refuses a client without the admin certificate when it requires one", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki({ dataDir: join(dir.path, "data"), sans: { ips: [], dns: [] }, kubeconfigPath: join(dir.path, "kubun.yaml"), kubeconfigMode: 0o600, port: 6443 });
    using server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      tls: { cert: pki.serving.certPem, key: pki.serving.keyPem, ca: pki.clientCa.certPem, requestCert: true, rejectUnauthorized: true },
      fetch: () => new Response("ok"),
    });
    const url = `https://127.0.0.1:${server.port}/`;
    await expect(fetch(url, { tls: { ca: pki.serverCa.certPem } })).rejects.toThrow();
    const res = await fetch(url, { tls: { ca: pki.serverCa.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem } });
    expect(await res.text()).toBe("ok");
  });
});
