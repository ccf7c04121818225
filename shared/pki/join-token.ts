// Join tokens in k3s's secure format: `K10<sha256 hex of the CA PEM>::<username>:<password>`.
// The hash lets a joining node pin the cluster CA it downloads before trusting it; a bare
// secret (no K10 prefix) is also a token, without that pin.

import { createHash } from "node:crypto";

export interface JoinToken {
  /** sha256 hex of the server CA certificate PEM bytes as served; absent for a bare secret. */
  readonly caHash?: string;
  readonly username: string;
  readonly password: string;
}

const PREFIX = "K10";
const HASH = /^[0-9a-f]{64}$/;

/** The CA pin: sha256 over the PEM bytes exactly as the server serves them. */
export function caHashOf(caPem: string | Uint8Array): string {
  return createHash("sha256").update(caPem).digest("hex");
}

export function formatJoinToken(caPem: string | Uint8Array, secret: string, username = "server"): string {
  return `${PREFIX}${caHashOf(caPem)}::${username}:${secret}`;
}

/**
 * Reads a token: `K10<hash>::user:password`, `K10<hash>::password`, `user:password` or a
 * bare `password`. A missing user name means "server". Throws on a malformed token, with a
 * message that never repeats the secret.
 */
export function parseJoinToken(text: string): JoinToken {
  const s = text.trim();
  if (s === "") throw new Error("join token is empty");
  let caHash: string | undefined;
  let creds = s;
  if (s.startsWith(PREFIX)) {
    const sep = s.indexOf("::");
    if (sep < 0) throw new Error("join token starting with K10 must look like K10<sha256 hex>::<username>:<password>");
    caHash = s.slice(PREFIX.length, sep).toLowerCase();
    if (!HASH.test(caHash)) {
      throw new Error(`join token CA hash must be 64 hex characters, got ${caHash.length} characters`);
    }
    creds = s.slice(sep + 2);
  }
  const colon = creds.indexOf(":");
  const username = colon > 0 ? creds.slice(0, colon) : "server";
  const password = colon > 0 ? creds.slice(colon + 1) : creds;
  if (password === "") throw new Error("join token has an empty password");
  return caHash === undefined ? { username, password } : { caHash, username, password };
}

/** True when the token pins no CA or pins exactly this one. */
export function tokenMatchesCa(token: JoinToken, caPem: string | Uint8Array): boolean {
  return token.caHash === undefined || token.caHash === caHashOf(caPem);
}
