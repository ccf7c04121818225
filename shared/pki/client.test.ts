import { describe, expect, test } from "bun:test";
import { createCa } from "./ca.ts";
import { issueClientCertificate, verifyClientCertificate } from "./client.ts";
import { generateKeyPair } from "./keys.ts";
import { x509, EC_ALGORITHM } from "./x509.ts";

const DAY = 24 * 60 * 60 * 1000;

describe("client certificates", () => {
  test("a certificate signed by the client CA proves CN as user and O as groups", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const keys = await generateKeyPair();
    const { certPem } = await issueClientCertificate(ca, keys.publicKey, { cn: "system:admin", o: ["system:masters", "devs"] });
    expect(await verifyClientCertificate(certPem, ca.certPem)).toEqual({ user: "system:admin", groups: ["system:masters", "devs"] });
  });

  test("DER input and a parsed CA certificate work too", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const { cert } = await issueClientCertificate(ca, (await generateKeyPair()).publicKey, { cn: "alice" });
    expect(await verifyClientCertificate(new Uint8Array(cert.rawData), ca.cert)).toEqual({ user: "alice", groups: [] });
  });

  test("a certificate from another CA proves nothing, even with the same CA name", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const impostor = await createCa({ commonName: "client-ca" });
    const { certPem } = await issueClientCertificate(impostor, (await generateKeyPair()).publicKey, { cn: "system:admin", o: ["system:masters"] });
    expect(await verifyClientCertificate(certPem, ca.certPem)).toBeUndefined();
  });

  test("an expired or not yet valid certificate proves nothing", async () => {
    const ca = await createCa({ commonName: "client-ca", now: new Date(Date.now() - 1000 * DAY) });
    const old = new Date(Date.now() - 400 * DAY);
    const { certPem } = await issueClientCertificate(ca, (await generateKeyPair()).publicKey, { cn: "bob", now: old, days: 30 });
    expect(await verifyClientCertificate(certPem, ca.certPem)).toBeUndefined();
    expect(await verifyClientCertificate(certPem, ca.certPem, new Date(old.getTime() + DAY))).toEqual({ user: "bob", groups: [] });
    expect(await verifyClientCertificate(certPem, ca.certPem, new Date(old.getTime() - 2 * DAY))).toBeUndefined();
  });

  test("garbage and server certificates prove nothing", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    expect(await verifyClientCertificate("not a certificate", ca.certPem)).toBeUndefined();
    expect(await verifyClientCertificate(ca.certPem, ca.certPem)).toBeUndefined();
  });

  test("a certificate request supplies the key but not the identity", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const keys = await generateKeyPair();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=system:admin", keys, signingAlgorithm: EC_ALGORITHM });
    const { cert, certPem } = await issueClientCertificate(ca, csr.toString("pem"), { cn: "system:node:n1", o: ["system:nodes"] });
    expect(await verifyClientCertificate(certPem, ca.certPem)).toEqual({ user: "system:node:n1", groups: ["system:nodes"] });
    const spki = await crypto.subtle.exportKey("spki", keys.publicKey);
    expect(Buffer.from(cert.publicKey.rawData).equals(Buffer.from(spki))).toBe(true);
  });

  test("a tampered certificate request is refused", async () => {
    const ca = await createCa({ commonName: "client-ca" });
    const keys = await generateKeyPair();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=n1", keys, signingAlgorithm: EC_ALGORITHM });
    const der = new Uint8Array(csr.rawData);
    der[der.length - 5]! ^= 0xff;
    const pem = x509.PemConverter.encode(der.buffer, "CERTIFICATE REQUEST");
    await expect(issueClientCertificate(ca, pem, { cn: "n1" })).rejects.toThrow();
  });
});
