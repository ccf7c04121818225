import { afterEach, describe, expect, test } from "bun:test";
import { generateKeyPair } from "../../shared/pki/keys.ts";
import { EC_ALGORITHM, x509 } from "../../shared/pki/x509.ts";
import { bootstrapTokenFromSecret, bootstrapTokenSecret, generateBootstrapToken, parseBootstrapToken, usableForJoin } from "./bootstrap-token.ts";
import { TEST_SERVER, testJoinServer } from "./testing.ts";

type Server = Awaited<ReturnType<typeof testJoinServer>>;
let s: Server;
afterEach(() => s?.close());

describe("bootstrap tokens", () => {
  test("a generated token is a 6-character id and a 16-character secret of [a-z0-9]", () => {
    const t = generateBootstrapToken({ ttlMs: 3_600_000, description: "for pi-4", now: new Date("2030-01-01T00:00:00Z") });
    expect(t.id).toMatch(/^[a-z0-9]{6}$/);
    expect(t.secret).toMatch(/^[a-z0-9]{16}$/);
    expect(t.expiration).toEqual(new Date("2030-01-01T01:00:00Z"));
    expect(parseBootstrapToken(`${t.id}.${t.secret}`)).toEqual({ id: t.id, secret: t.secret });
    expect(parseBootstrapToken("abcdef.short")).toBeUndefined();
  });

  test("the Secret has kubeadm's name, type and data keys and reads back to the same token", () => {
    const t = { id: "abc123", secret: "0123456789abcdef", expiration: new Date("2030-01-01T00:00:00Z"), description: "x" };
    const secret = bootstrapTokenSecret(t);
    expect(secret.metadata).toEqual({ name: "bootstrap-token-abc123", namespace: "kube-system" });
    expect(secret.type).toBe("bootstrap.kubernetes.io/token");
    const text = Object.fromEntries(Object.entries(secret.data!).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
    expect(text).toEqual({
      "token-id": "abc123",
      "token-secret": "0123456789abcdef",
      expiration: "2030-01-01T00:00:00Z",
      description: "x",
      "usage-bootstrap-authentication": "true",
      "usage-bootstrap-signing": "true",
    });
    expect(bootstrapTokenFromSecret(secret)).toEqual(t);
    expect(usableForJoin(secret, new Date("2029-12-31T23:59:59Z"))).toEqual(t);
    expect(usableForJoin(secret, new Date("2030-01-01T00:00:00Z"))).toBeUndefined();
  });

  test("a token without the authentication usage or with an unreadable expiration is not usable", () => {
    const secret = bootstrapTokenSecret({ id: "abc123", secret: "0123456789abcdef" });
    expect(usableForJoin(secret, new Date())).toBeDefined();
    expect(usableForJoin({ ...secret, data: { ...secret.data, "usage-bootstrap-authentication": "" } }, new Date())).toBeUndefined();
    expect(usableForJoin({ ...secret, data: { ...secret.data, expiration: Buffer.from("soon").toString("base64") } }, new Date())).toBeUndefined();
  });
});

describe("joining with a bootstrap token", () => {
  async function join(token: string) {
    const keys = await generateKeyPair();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=x", keys, signingAlgorithm: EC_ALGORITHM });
    const res = await s.fetch(
      new Request(`${TEST_SERVER}/v1-kubun/node-credential`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ nodeName: "pi-4", csr: csr.toString("pem"), nodePassword: "pw" }),
      }),
    );
    return res.status;
  }
  const k10 = (t: { id: string; secret: string }) => `K10${s.joinToken.slice(3, 67)}::${t.id}.${t.secret}`;

  test("a live token is accepted; once expired or deleted it is refused at once", async () => {
    let now = new Date();
    s = await testJoinServer({ now: () => now });
    const t = generateBootstrapToken({ ttlMs: 60_000, now });
    expect((await s.admin("POST", "/api/v1/namespaces/kube-system/secrets", bootstrapTokenSecret(t))).status).toBe(201);
    expect(await join(k10(t))).toBe(200);
    expect(await join(k10({ ...t, secret: "0000000000000000" }))).toBe(401);
    now = new Date(now.getTime() + 61_000);
    expect(await join(k10(t))).toBe(401);

    const u = generateBootstrapToken();
    await s.admin("POST", "/api/v1/namespaces/kube-system/secrets", bootstrapTokenSecret(u));
    expect(await join(k10(u))).toBe(200);
    await s.admin("DELETE", `/api/v1/namespaces/kube-system/secrets/bootstrap-token-${u.id}`);
    expect(await join(k10(u))).toBe(401);
  });
});
