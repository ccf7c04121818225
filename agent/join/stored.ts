// The node credential on disk: loaded on restart (no token needed), written after a join.
import { readTextIfExists, writeFileAtomic } from "../../shared/pki/files.ts";
import { parseCertificate } from "../../shared/pki/ca.ts";
import { randomHex } from "../../shared/pki/keys.ts";
import type { AgentCredentialPaths } from "./paths.ts";

export interface StoredCredential {
  readonly certPem: string;
  readonly keyPem: string;
  readonly serverCaPem: string;
  readonly clientCaPem: string;
}

/** A certificate this close to its end is replaced at the next start that has a token. */
export const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * The stored credential when it is complete, names `nodeName` and is still valid for a day at
 * `now`; undefined otherwise (the agent then joins again).
 */
export async function loadCredential(paths: AgentCredentialPaths, nodeName: string, now: Date): Promise<StoredCredential | undefined> {
  const [certPem, keyPem, serverCaPem, clientCaPem] = await Promise.all([paths.cert, paths.key, paths.serverCa, paths.clientCa].map(readTextIfExists));
  if (!certPem || !keyPem || !serverCaPem) return undefined;
  let cert;
  try {
    cert = parseCertificate(certPem);
  } catch {
    return undefined;
  }
  if (cert.subjectName.getField("CN")[0] !== `system:node:${nodeName}`) return undefined;
  if (now < cert.notBefore || cert.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS) return undefined;
  return { certPem, keyPem, serverCaPem, clientCaPem: clientCaPem ?? "" };
}

/** Writes the key, the CAs, then the certificate last: a crash leaves no certificate without its key. */
export async function saveCredential(paths: AgentCredentialPaths, c: StoredCredential): Promise<void> {
  await writeFileAtomic(paths.key, c.keyPem, { mode: 0o600 });
  await writeFileAtomic(paths.serverCa, c.serverCaPem, { mode: 0o644 });
  await writeFileAtomic(paths.clientCa, c.clientCaPem, { mode: 0o644 });
  await writeFileAtomic(paths.cert, c.certPem, { mode: 0o644 });
}

/** The node password: made once at random, then reused across restarts and re-joins. */
export async function ensureNodePassword(path: string): Promise<string> {
  const existing = (await readTextIfExists(path))?.trim();
  if (existing) return existing;
  const password = randomHex(32);
  await writeFileAtomic(path, `${password}\n`, { mode: 0o600 });
  return password;
}
