import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createCa } from "./ca.ts";
import { servingSans } from "./sans.ts";
import { issueServingCertificate } from "./serving.ts";
import { tempDir } from "./testing.ts";
import { x509 } from "./x509.ts";

const sans = servingSans({
  hostname: "edge-1",
  bindAddress: "0.0.0.0",
  advertiseAddress: "192.168.1.10",
  tlsSans: ["k.example.com", "10.0.0.5"],
  clusterDomain: "cluster.local",
  serviceCidr: "10.43.0.0/16",
});

async function issue() {
  const ca = await createCa({ commonName: "server-ca" });
  return { ca, serving: await issueServingCertificate(ca, { sans }) };
}

describe("serving certificate", () => {
  test("it carries every configured name as a subject alternative name", async () => {
    const { serving } = await issue();
    const cert = new x509.X509Certificate(serving.certPem);
    const names = cert.getExtension(x509.SubjectAlternativeNameExtension)!.names.toJSON();
    const dns = names.filter((n) => n.type === "dns").map((n) => n.value);
    const ips = names.filter((n) => n.type === "ip").map((n) => n.value);
    expect(dns).toEqual(expect.arrayContaining([
      "localhost", "edge-1", "k.example.com", "kubernetes", "kubernetes.default",
      "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
    ]));
    expect(ips).toEqual(expect.arrayContaining(["127.0.0.1", "::1", "192.168.1.10", "10.0.0.5", "10.43.0.1"]));
    expect(ips).not.toContain("0.0.0.0");
  });

  test("it is for server authentication and is not a CA", async () => {
    const { serving } = await issue();
    const cert = new x509.X509Certificate(serving.certPem);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(cert.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(false);
    expect(serving.keyPem).toStartWith("-----BEGIN PRIVATE KEY-----");
  });

  test("openssl verifies it against the server CA", async () => {
    const { ca, serving } = await issue();
    await using dir = await tempDir();
    const caFile = join(dir.path, "server-ca.crt");
    const certFile = join(dir.path, "serving-kube-apiserver.crt");
    await Bun.write(caFile, ca.certPem);
    await Bun.write(certFile, serving.certPem);
    const r = Bun.spawnSync(["openssl", "verify", "-CAfile", caFile, certFile]);
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toContain(": OK");
    expect(r.exitCode).toBe(0);
  });

  test("a Bun HTTPS client trusting only the CA reaches the server by 127.0.0.1, ::1 and localhost", async () => {
    const { ca, serving } = await issue();
    using server = Bun.serve({
      port: 0,
      hostname: "::",
      tls: { cert: serving.certPem, key: serving.keyPem },
      fetch: () => new Response("ok"),
    });
    for (const host of ["127.0.0.1", "[::1]", "localhost"]) {
      const res = await fetch(`https://${host}:${server.port}/`, { tls: { ca: ca.certPem } });
      expect(await res.text()).toBe("ok");
    }
  });

  test("a client refuses the server under a name the certificate does not carry", async () => {
    const { ca, serving } = await issue();
    using server = Bun.serve({ port: 0, hostname: "0.0.0.0", tls: { cert: serving.certPem, key: serving.keyPem }, fetch: () => new Response("ok") });
    await expect(fetch(`https://127.0.0.2:${server.port}/`, { tls: { ca: ca.certPem } })).rejects.toThrow("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  test("a client trusting another CA refuses the connection", async () => {
    const { serving } = await issue();
    const other = await createCa({ commonName: "other" });
    using server = Bun.serve({ port: 0, hostname: "127.0.0.1", tls: { cert: serving.certPem, key: serving.keyPem }, fetch: () => new Response("ok") });
    await expect(fetch(`https://127.0.0.1:${server.port}/`, { tls: { ca: other.certPem } })).rejects.toThrow();
  });
});
