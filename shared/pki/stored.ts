// Credentials kept on disk: reuse what exists, create what is missing, never overwrite a
// CA. Keys are written before certificates, so an existing certificate implies its key.

import { createCa, isIssuedBy, loadCa, parseCertificate, type CertificateAuthority } from "./ca.ts";
import { readTextIfExists, writeFileAtomic } from "./files.ts";
import type { CertKeyPaths } from "./paths.ts";
import type { X509Certificate } from "./x509.ts";

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Leaf certificates are renewed at start when they have less than this left. */
export const RENEW_BEFORE_MS = 90 * 24 * 60 * 60 * 1000;

async function readPair(paths: CertKeyPaths): Promise<{ cert?: string; key?: string }> {
  return { cert: await readTextIfExists(paths.cert), key: await readTextIfExists(paths.key) };
}

async function writePair(paths: CertKeyPaths, pair: PemPair): Promise<void> {
  await writeFileAtomic(paths.key, pair.keyPem);
  await writeFileAtomic(paths.cert, pair.certPem);
}

export async function ensureCa(paths: CertKeyPaths, commonName: string, now: Date): Promise<CertificateAuthority> {
  const { cert, key } = await readPair(paths);
  if (cert !== undefined && key !== undefined) return loadCa(cert, key);
  if (cert !== undefined) {
    throw new Error(`CA certificate ${paths.cert} exists but its key ${paths.key} does not; restore the key, or remove both to create a new CA (every issued credential becomes invalid)`);
  }
  const ca = await createCa({ commonName: `${commonName}@${Math.floor(now.getTime() / 1000)}`, now });
  await writePair(paths, ca);
  return ca;
}

export interface LeafOptions {
  readonly ca: CertificateAuthority;
  readonly now: Date;
  readonly issue: () => Promise<PemPair>;
  /** Extra condition for keeping an existing certificate, e.g. "its SANs still cover the configured ones". */
  readonly keep?: (cert: X509Certificate) => boolean;
}

/** Reuses a leaf certificate while it is signed by `ca`, not near expiry and passes `keep`; else issues a new one. */
export async function ensureLeaf(paths: CertKeyPaths, o: LeafOptions): Promise<PemPair & { reissued: boolean }> {
  const { cert, key } = await readPair(paths);
  if (cert !== undefined && key !== undefined) {
    const parsed = parseCertificate(cert);
    const fresh = parsed.notAfter.getTime() - o.now.getTime() > RENEW_BEFORE_MS;
    if (fresh && (await isIssuedBy(parsed, o.ca.cert)) && (o.keep?.(parsed) ?? true)) {
      return { certPem: cert, keyPem: key, reissued: false };
    }
  }
  const pair = await o.issue();
  await writePair(paths, pair);
  return { certPem: pair.certPem, keyPem: pair.keyPem, reissued: true };
}

/** Reads a secret file, or creates it with `make()`. Surrounding whitespace is not part of the secret. */
export async function ensureSecretFile(path: string, make: () => string | Promise<string>): Promise<string> {
  const existing = await readTextIfExists(path);
  if (existing !== undefined && existing.trim() !== "") return existing.trim();
  const value = (await make()).trim();
  await writeFileAtomic(path, `${value}\n`);
  return value;
}
