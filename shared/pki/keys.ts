// Key pairs, their PKCS#8 PEM form, and random secrets.

import { EC_ALGORITHM, x509 } from "./x509.ts";

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(EC_ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
}

/** A private key as PKCS#8 PEM, ending in a newline. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  return `${x509.PemConverter.encode(der, "PRIVATE KEY")}\n`;
}

/** Imports a PKCS#8 PEM ECDSA P-256 private key for signing. */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const blocks = x509.PemConverter.decodeWithHeaders(pem).filter((b) => b.type === "PRIVATE KEY");
  const block = blocks[0];
  if (!block) throw new Error("expected a PKCS#8 PEM block (-----BEGIN PRIVATE KEY-----)");
  return crypto.subtle.importKey("pkcs8", block.rawData, EC_ALGORITHM, true, ["sign"]);
}

/** `bytes` random bytes as lowercase hex. */
export function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("hex");
}

/** A positive, non-zero 128-bit serial number in hex (RFC 5280 §4.1.2.2). */
export function randomSerial(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0]! & 0x7f) | 0x40;
  return Buffer.from(b).toString("hex");
}
