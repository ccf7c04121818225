// Certificate-bound assertions: how a node uses its client certificate over a transport that
// cannot read TLS client certificates. The node signs a short-lived ES256 JWT with the
// certificate's private key and carries the certificate in the header (`x5c`); the server
// checks the certificate against the client CA and the signature against its public key.
//
//   header { alg: "ES256", typ: "JWT", x5c: [<certificate DER, base64>] }
//   claims { iss: "kubun-agent", sub: <certificate CN>, aud: "kubun", iat, exp }   (exp - iat ≤ 15 min)

import { parseCertificate } from "./ca.ts";
import { verifyClientCertificate, type ClientIdentity } from "./client.ts";
import type { X509Certificate } from "./x509.ts";

export const ASSERTION_ISSUER = "kubun-agent";
export const ASSERTION_AUDIENCE = "kubun";
/** The longest lifetime (exp - iat) a server accepts. */
export const MAX_ASSERTION_SECONDS = 15 * 60;
/** Clock difference tolerated between node and server. */
export const ASSERTION_SKEW_SECONDS = 60;

const ES256 = { name: "ECDSA", hash: "SHA-256" } as const;
const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  iat: number;
  exp: number;
}

export interface SignAssertionOptions {
  /** The node's client certificate (PEM) and its private key. */
  readonly certPem: string;
  readonly key: CryptoKey;
  readonly now?: Date;
  /** Seconds until exp; at most MAX_ASSERTION_SECONDS (the default). */
  readonly lifetimeSeconds?: number;
}

const b64url = (b: Uint8Array | ArrayBuffer) => Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString("base64url");
const jsonB64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** A signed assertion for the certificate's subject, and when it expires. */
export async function signNodeAssertion(opts: SignAssertionOptions): Promise<{ token: string; expiresAt: Date }> {
  const cert = parseCertificate(opts.certPem);
  const sub = cert.subjectName.getField("CN")[0];
  if (!sub) throw new Error("the client certificate names no user (subject CN is empty)");
  const lifetime = Math.min(opts.lifetimeSeconds ?? MAX_ASSERTION_SECONDS, MAX_ASSERTION_SECONDS);
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const claims: AssertionClaims = { iss: ASSERTION_ISSUER, sub, aud: ASSERTION_AUDIENCE, iat, exp: iat + lifetime };
  const header = { alg: "ES256", typ: "JWT", x5c: [Buffer.from(cert.rawData).toString("base64")] };
  const input = `${jsonB64url(header)}.${jsonB64url(claims)}`;
  const sig = await crypto.subtle.sign(ES256, opts.key, new TextEncoder().encode(input));
  return { token: `${input}.${b64url(sig)}`, expiresAt: new Date(claims.exp * 1000) };
}

export interface ParsedAssertion {
  readonly claims: AssertionClaims;
  readonly certDer: Uint8Array<ArrayBuffer>;
  readonly signingInput: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
}

/** Thrown with the rule an assertion broke; the message never repeats the token. */
export class AssertionError extends Error {}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v;
  } catch {}
  throw new AssertionError(`assertion ${what} is not a base64url JSON object`);
}

/** True when a bearer token looks like a certificate-bound assertion (a JWT with x5c). */
export function isNodeAssertion(token: string): boolean {
  const dot = token.indexOf(".");
  if (dot < 0 || token.split(".").length !== 3) return false;
  try {
    return Array.isArray(JSON.parse(Buffer.from(token.slice(0, dot), "base64url").toString("utf8"))?.x5c);
  } catch {
    return false;
  }
}

/** Splits and decodes an assertion without checking it. */
export function parseNodeAssertion(token: string): ParsedAssertion {
  const parts = token.split(".");
  if (parts.length !== 3) throw new AssertionError("assertion must have 3 dot-separated parts");
  const [h, c, s] = parts as [string, string, string];
  const header = decodeJson(h, "header");
  if (header.alg !== "ES256") throw new AssertionError(`assertion alg must be ES256, got ${JSON.stringify(header.alg)}`);
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length !== 1 || typeof x5c[0] !== "string") throw new AssertionError("assertion x5c must hold exactly one certificate");
  const claims = decodeJson(c, "claims");
  for (const f of ["iss", "sub"] as const) if (typeof claims[f] !== "string") throw new AssertionError(`assertion claim ${f} must be a string`);
  for (const f of ["iat", "exp"] as const) if (typeof claims[f] !== "number") throw new AssertionError(`assertion claim ${f} must be a number`);
  return {
    claims: claims as unknown as AssertionClaims,
    certDer: new Uint8Array(Buffer.from(x5c[0], "base64")),
    signingInput: new TextEncoder().encode(`${h}.${c}`),
    signature: new Uint8Array(Buffer.from(s, "base64url")),
  };
}

/** Checks iss, aud, lifetime and time window; `identity` is what the certificate proves. */
export function checkAssertionClaims(claims: AssertionClaims, identity: ClientIdentity, now: Date, skewSeconds = ASSERTION_SKEW_SECONDS): void {
  const t = now.getTime() / 1000;
  if (claims.iss !== ASSERTION_ISSUER) throw new AssertionError(`assertion iss must be "${ASSERTION_ISSUER}"`);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(ASSERTION_AUDIENCE)) throw new AssertionError(`assertion aud must include "${ASSERTION_AUDIENCE}"`);
  if (claims.exp <= claims.iat) throw new AssertionError("assertion exp must be after iat");
  if (claims.exp - claims.iat > MAX_ASSERTION_SECONDS) throw new AssertionError(`assertion lifetime exp - iat must be at most ${MAX_ASSERTION_SECONDS} s`);
  if (t > claims.exp + skewSeconds) throw new AssertionError("assertion has expired");
  if (claims.iat > t + skewSeconds) throw new AssertionError("assertion iat is in the future");
  if (claims.sub !== identity.user) throw new AssertionError(`assertion sub "${claims.sub}" differs from the certificate's CN "${identity.user}"`);
}

/** What a checked certificate gives the verifier: who it names, its key, and until when. */
export interface CheckedCertificate {
  readonly identity: ClientIdentity;
  readonly publicKey: CryptoKey;
  readonly notAfter: Date;
}

/** Verifies a certificate (DER) against the client CA; throws AssertionError when it proves nothing. */
export async function checkAssertionCertificate(der: Uint8Array, clientCa: X509Certificate, now: Date): Promise<CheckedCertificate> {
  const identity = await verifyClientCertificate(der, clientCa, now);
  if (!identity) throw new AssertionError("assertion certificate is not a valid client certificate of this cluster's client CA");
  const cert = parseCertificate(der);
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey("spki", cert.publicKey.rawData, P256, true, ["verify"]);
  } catch {
    throw new AssertionError("assertion certificate key is not an ECDSA P-256 key");
  }
  return { identity, publicKey, notAfter: cert.notAfter };
}

export async function checkAssertionSignature(parsed: ParsedAssertion, publicKey: CryptoKey): Promise<void> {
  const ok = await crypto.subtle.verify(ES256, publicKey, parsed.signature, parsed.signingInput).catch(() => false);
  if (!ok) throw new AssertionError("assertion signature does not verify with the certificate's key");
}

export interface VerifiedAssertion {
  readonly user: string;
  readonly groups: string[];
  readonly expiresAt: Date;
}

/** The full check, without caches (NodeAssertionVerifier adds them). */
export async function verifyNodeAssertion(token: string, opts: { clientCa: string | X509Certificate; now?: Date; skewSeconds?: number }): Promise<VerifiedAssertion> {
  const now = opts.now ?? new Date();
  const ca = typeof opts.clientCa === "string" ? parseCertificate(opts.clientCa) : opts.clientCa;
  const parsed = parseNodeAssertion(token);
  const cert = await checkAssertionCertificate(parsed.certDer, ca, now);
  await checkAssertionSignature(parsed, cert.publicKey);
  checkAssertionClaims(parsed.claims, cert.identity, now, opts.skewSeconds);
  return identityOf(parsed.claims, cert);
}

export function identityOf(claims: AssertionClaims, cert: CheckedCertificate): VerifiedAssertion {
  const groups = [...cert.identity.groups.filter((g) => g !== "system:authenticated"), "system:authenticated"];
  const exp = Math.min(claims.exp * 1000, cert.notAfter.getTime());
  return { user: cert.identity.user, groups, expiresAt: new Date(exp) };
}
