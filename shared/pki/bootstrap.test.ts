import { describe, expect, test } from "bun:test";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { ensureServerPki, type ServerPkiOptions } from "./bootstrap.ts";
import { verifyClientCertificate } from "./client.ts";
import { caHashOf } from "./join-token.ts";
import { currentCredentials, readKubeconfig } from "./kubeconfig.ts";
import { sansOf } from "./serving.ts";
import { tempDir } from "./testing.ts";
import { x509 } from "./x509.ts";

const DAY = 24 * 60 * 60 * 1000;

function options(dir: string, more: Partial<ServerPkiOptions> = {}): ServerPkiOptions {
  return {
    dataDir: join(dir, "data"),
    sans: { ips: ["192.168.1.10"], dns: ["edge-1"] },
    kubeconfigPath: join(dir, "etc", "kubun", "kubun.yaml"),
    kubeconfigMode: 0o600,
    port: 6443,
    ...more,
  };
}

async function filesUnder(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const p = join(e.parentPath, e.name);
      out.set(p, await readFile(p, "utf8"));
    }
  }
  return out;
}

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe("ensureServerPki", () => {
  test("the first start writes every credential in the k3s layout with mode 0600", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path));
    const tls = join(dir.path, "data", "server", "tls");
    const expected = [
      "server-ca.crt", "server-ca.key", "client-ca.crt", "client-ca.key",
      "serving-kube-apiserver.crt", "serving-kube-apiserver.key", "client-admin.crt", "client-admin.key",
      "client-kube-apiserver.crt", "client-kube-apiserver.key", "service.key",
    ].map((f) => join(tls, f));
    const files = await filesUnder(join(dir.path, "data"));
    expect([...files.keys()].sort()).toEqual(
      [...expected, join(dir.path, "data", "server", "cred", "admin-token"), join(dir.path, "data", "server", "token")].sort(),
    );
    for (const f of files.keys()) expect({ f, mode: await modeOf(f) }).toEqual({ f, mode: 0o600 });
    expect(await modeOf(pki.kubeconfigPath)).toBe(0o600);
    expect(files.get(join(tls, "server-ca.key"))).toStartWith("-----BEGIN PRIVATE KEY-----");
  });

  test("the admin kubeconfig names everything default and carries CA, client certificate and token", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path, { port: 16443 }));
    const kc = await readKubeconfig(pki.kubeconfigPath);
    expect(kc["current-context"]).toBe("default");
    expect(kc.clusters[0]!.name).toBe("default");
    expect(kc.users[0]!.name).toBe("default");
    expect(kc.contexts[0]).toEqual({ name: "default", context: { cluster: "default", user: "default" } });
    const creds = currentCredentials(kc);
    expect(creds.server).toBe("https://127.0.0.1:16443");
    expect(creds.caPem).toBe(pki.serverCa.certPem);
    expect(creds.token).toBe(pki.admin.token);
    expect(creds.keyPem).toBe(pki.admin.keyPem);
    expect(await verifyClientCertificate(creds.certPem!, pki.clientCa.certPem)).toEqual({ user: "system:admin", groups: ["system:masters"] });
    expect(pki.admin.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(pki.paths.adminToken, "utf8")).trim()).toBe(pki.admin.token);
  });

  test("the kubeconfig mode follows --write-kubeconfig-mode, also on an existing file", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path, { kubeconfigMode: 0o644 }));
    expect(await modeOf(pki.kubeconfigPath)).toBe(0o644);
    await ensureServerPki(options(dir.path, { kubeconfigMode: 0o640 }));
    expect(await modeOf(pki.kubeconfigPath)).toBe(0o640);
  });

  test("a restart reuses every file byte for byte", async () => {
    await using dir = await tempDir();
    const first = await ensureServerPki(options(dir.path));
    const before = await filesUnder(dir.path);
    const second = await ensureServerPki(options(dir.path));
    expect(await filesUnder(dir.path)).toEqual(before);
    expect(second.serving.reissued).toBe(false);
    expect(second.joinToken).toBe(first.joinToken);
    expect(second.serviceAccountKeyPem).toBe(first.serviceAccountKeyPem);
  });

  test("a new --tls-san re-issues only the serving certificate", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path));
    const before = await filesUnder(dir.path);
    const after = await ensureServerPki(options(dir.path, { sans: { ips: ["192.168.1.10", "10.9.9.9"], dns: ["edge-1", "new.example"] } }));
    expect(after.serving.reissued).toBe(true);
    const sans = sansOf(new x509.X509Certificate(after.serving.certPem));
    expect(sans.ips).toContain("10.9.9.9");
    expect(sans.dns).toContain("new.example");
    const changed = [...(await filesUnder(dir.path))].filter(([p, text]) => before.get(p) !== text).map(([p]) => p);
    expect(changed.sort()).toEqual([pki.paths.serving.cert, pki.paths.serving.key].sort());
    const again = await ensureServerPki(options(dir.path));
    expect(again.serving.reissued).toBe(false);
  });

  test("certificates near expiry are renewed at start; CAs and tokens are kept", async () => {
    await using dir = await tempDir();
    const first = await ensureServerPki(options(dir.path));
    const later = await ensureServerPki(options(dir.path, { now: new Date(Date.now() + 300 * DAY) }));
    expect(later.serving.reissued).toBe(true);
    expect(later.admin.certPem).not.toBe(first.admin.certPem);
    expect(later.serverCa.certPem).toBe(first.serverCa.certPem);
    expect(later.joinToken).toBe(first.joinToken);
    expect(later.admin.token).toBe(first.admin.token);
  });

  test("the join token pins the CA file's sha256 and keeps its secret across restarts", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path));
    const caBytes = await readFile(pki.paths.serverCa.cert);
    expect(pki.joinToken).toBe(`K10${caHashOf(caBytes)}::server:${pki.tokenSecret}`);
    expect((await readFile(pki.paths.token, "utf8")).trim()).toBe(pki.joinToken);
    expect(pki.tokenSecret).toMatch(/^[0-9a-f]{32}$/);
  });

  test("--token supplies the secret; a restart without it keeps it", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path, { token: "my-shared-secret" }));
    expect(pki.joinToken).toEndWith("::server:my-shared-secret");
    expect((await ensureServerPki(options(dir.path))).tokenSecret).toBe("my-shared-secret");
  });

  test("a full K10 --token is accepted when its hash matches this CA and refused otherwise", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path, { token: "abc" }));
    expect((await ensureServerPki(options(dir.path, { token: pki.joinToken }))).tokenSecret).toBe("abc");
    const wrong = `K10${"0".repeat(64)}::server:abc`;
    await expect(ensureServerPki(options(dir.path, { token: wrong }))).rejects.toThrow("pins a server CA with hash 000");
  });

  test("a --token different from the stored one is refused", async () => {
    await using dir = await tempDir();
    await ensureServerPki(options(dir.path, { token: "first" }));
    await expect(ensureServerPki(options(dir.path, { token: "second" }))).rejects.toThrow("--token differs from the token this server was set up with");
  });

  test("a CA certificate without its key is an error, not a new CA", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki(options(dir.path));
    await rm(pki.paths.serverCa.key);
    await expect(ensureServerPki(options(dir.path))).rejects.toThrow(`CA certificate ${pki.paths.serverCa.cert} exists but its key`);
  });
});
