import { describe, expect, test } from "bun:test";
import { isNodeAssertion, signNodeAssertion, verifyNodeAssertion, type AssertionClaims } from "./assertion.ts";
import { NodeAssertionVerifier } from "./assertion-verifier.ts";
import { createCa, parseCertificate, type CertificateAuthority } from "./ca.ts";
import { issueClientCertificate } from "./client.ts";
import { generateKeyPair } from "./keys.ts";

const MIN = 60_000;

async function node(ca: CertificateAuthority, name = "n1", days?: number) {
  const keys = await generateKeyPair();
  const { certPem } = await issueClientCertificate(ca, keys.publicKey, { cn: `system:node:${name}`, o: ["system:nodes"], days });
  return { certPem, key: keys.privateKey };
}

/** An assertion with hand-picked claims, signed correctly: for claims the signer never makes. */
async function craft(certPem: string, key: CryptoKey, claims: AssertionClaims, alg = "ES256") {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${enc({ alg, typ: "JWT", x5c: [Buffer.from(parseCertificate(certPem).rawData).toString("base64")] })}.${enc(claims)}`;
  const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(sig).toString("base64url")}`;
}

describe("node assertions", () => {
  test("a fresh assertion proves the certificate's CN and O groups plus system:authenticated", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const n = await node(ca);
    const { token, expiresAt } = await signNodeAssertion(n);
    expect(isNodeAssertion(token)).toBe(true);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * MIN);
    const v = await verifyNodeAssertion(token, { clientCa: ca.certPem });
    expect(v.user).toBe("system:node:n1");
    expect(v.groups).toEqual(["system:nodes", "system:authenticated"]);
  });

  test("an expired assertion is refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const { token } = await signNodeAssertion({ ...(await node(ca)), now: new Date(Date.now() - 20 * MIN) });
    await expect(verifyNodeAssertion(token, { clientCa: ca.certPem })).rejects.toThrow("assertion has expired");
  });

  test("an assertion expired by less than the clock skew is still accepted", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const { token } = await signNodeAssertion({ ...(await node(ca)), lifetimeSeconds: 60 });
    await verifyNodeAssertion(token, { clientCa: ca.certPem, now: new Date(Date.now() + 90_000) });
  });

  test("a certificate from another CA is refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const other = await createCa({ commonName: "client-ca" });
    const { token } = await signNodeAssertion(await node(other));
    await expect(verifyNodeAssertion(token, { clientCa: ca.certPem })).rejects.toThrow("not a valid client certificate");
  });

  test("an expired certificate is refused even with a fresh assertion", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const n = await node(ca, "n1", 1);
    const later = new Date(Date.now() + 3 * 24 * 60 * MIN);
    const { token } = await signNodeAssertion({ ...n, now: later });
    await expect(verifyNodeAssertion(token, { clientCa: ca.certPem, now: later })).rejects.toThrow("not a valid client certificate");
  });

  test("a sub that differs from the certificate's CN is refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const n = await node(ca, "n1");
    const iat = Math.floor(Date.now() / 1000);
    const token = await craft(n.certPem, n.key, { iss: "kubun-agent", sub: "system:node:n2", aud: "kubun", iat, exp: iat + 600 });
    await expect(verifyNodeAssertion(token, { clientCa: ca.certPem })).rejects.toThrow('sub "system:node:n2" differs from the certificate\'s CN "system:node:n1"');
  });

  test("a lifetime over 15 minutes, a wrong audience or a wrong algorithm is refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const n = await node(ca);
    const iat = Math.floor(Date.now() / 1000);
    const base = { iss: "kubun-agent", sub: "system:node:n1", aud: "kubun", iat, exp: iat + 600 };
    const check = async (t: string) => verifyNodeAssertion(t, { clientCa: ca.certPem });
    await expect(check(await craft(n.certPem, n.key, { ...base, exp: iat + 3600 }))).rejects.toThrow("at most 900 s");
    await expect(check(await craft(n.certPem, n.key, { ...base, aud: "other" }))).rejects.toThrow('aud must include "kubun"');
    await expect(check(await craft(n.certPem, n.key, base, "none"))).rejects.toThrow("alg must be ES256");
    await check(await craft(n.certPem, n.key, base));
  });

  test("tampered claims, a swapped certificate or a key that does not match the certificate are refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const n1 = await node(ca, "n1");
    const n2 = await node(ca, "n2");
    const { token } = await signNodeAssertion(n1);
    const [h, c, s] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(c, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 60 })).toString("base64url");
    await expect(verifyNodeAssertion(`${h}.${forged}.${s}`, { clientCa: ca.certPem })).rejects.toThrow("signature does not verify");
    const { token: other } = await signNodeAssertion(n2);
    await expect(verifyNodeAssertion(`${other.split(".")[0]}.${c}.${s}`, { clientCa: ca.certPem })).rejects.toThrow();
    const wrongKey = await signNodeAssertion({ certPem: n1.certPem, key: n2.key });
    await expect(verifyNodeAssertion(wrongKey.token, { clientCa: ca.certPem })).rejects.toThrow("signature does not verify");
    await expect(verifyNodeAssertion("a.b", { clientCa: ca.certPem })).rejects.toThrow("3 dot-separated parts");
  });

  test("plain bearer tokens are not taken for assertions", () => {
    expect(isNodeAssertion("0123456789abcdef")).toBe(false);
    expect(isNodeAssertion("a.b.c")).toBe(false);
    expect(isNodeAssertion(`${Buffer.from('{"alg":"RS256"}').toString("base64url")}.e30.x`)).toBe(false);
  });
});

describe("the caching verifier", () => {
  test("a verified assertion is answered from the cache until it expires", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    let now = new Date();
    const verifier = new NodeAssertionVerifier({ clientCa: ca.certPem, now: () => now, maxAssertions: 2 });
    const { token } = await signNodeAssertion({ ...(await node(ca)), now, lifetimeSeconds: 300 });
    expect((await verifier.verify(token)).user).toBe("system:node:n1");
    expect((await verifier.verify(token)).user).toBe("system:node:n1");
    now = new Date(now.getTime() + 10 * MIN);
    await expect(verifier.verify(token)).rejects.toThrow("assertion has expired");
  });

  test("the cache holds at most its bound and still verifies evicted assertions", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const verifier = new NodeAssertionVerifier({ clientCa: ca.certPem, maxAssertions: 2, maxCertificates: 1 });
    const nodes = await Promise.all(["a", "b", "c"].map((n) => node(ca, n)));
    const tokens = await Promise.all(nodes.map(async (n) => (await signNodeAssertion(n)).token));
    for (const t of [...tokens, ...tokens]) await verifier.verify(t);
    expect((await verifier.verify(tokens[0]!)).user).toBe("system:node:a");
  });
});
