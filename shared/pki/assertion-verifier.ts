// The server's assertion check with caches: a certificate is verified against the client CA
// once per fingerprint, and a verified assertion is remembered until it expires, so the
// steady state costs one map lookup per request.

import { createHash } from "node:crypto";
import {
  ASSERTION_SKEW_SECONDS,
  checkAssertionCertificate,
  checkAssertionClaims,
  checkAssertionSignature,
  identityOf,
  parseNodeAssertion,
  type CheckedCertificate,
  type VerifiedAssertion,
} from "./assertion.ts";
import { parseCertificate } from "./ca.ts";
import type { X509Certificate } from "./x509.ts";

/** A Map bounded to `max` entries that drops the least recently used. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

export interface AssertionVerifierOptions {
  readonly clientCa: string | X509Certificate;
  readonly now?: () => Date;
  readonly skewSeconds?: number;
  /** Verified assertions kept (default 10 000). */
  readonly maxAssertions?: number;
  /** Verified certificates kept (default 10 000). */
  readonly maxCertificates?: number;
}

export class NodeAssertionVerifier {
  private readonly ca: X509Certificate;
  private readonly now: () => Date;
  private readonly skew: number;
  private readonly assertions: Lru<string, VerifiedAssertion>;
  private readonly certificates: Lru<string, CheckedCertificate>;

  constructor(opts: AssertionVerifierOptions) {
    this.ca = typeof opts.clientCa === "string" ? parseCertificate(opts.clientCa) : opts.clientCa;
    this.now = opts.now ?? (() => new Date());
    this.skew = opts.skewSeconds ?? ASSERTION_SKEW_SECONDS;
    this.assertions = new Lru(opts.maxAssertions ?? 10_000);
    this.certificates = new Lru(opts.maxCertificates ?? 10_000);
  }

  /** The identity of an assertion verified before and not yet expired, without any await. */
  cached(token: string): VerifiedAssertion | undefined {
    const hit = this.assertions.get(token);
    if (!hit) return undefined;
    if (this.now().getTime() <= hit.expiresAt.getTime() + this.skew * 1000) return hit;
    this.assertions.delete(token);
    return undefined;
  }

  /** The identity the assertion proves; throws AssertionError otherwise. */
  async verify(token: string): Promise<VerifiedAssertion> {
    const hit = this.cached(token);
    if (hit) return hit;
    const now = this.now();
    const parsed = parseNodeAssertion(token);
    const cert = await this.certificate(parsed.certDer, now);
    await checkAssertionSignature(parsed, cert.publicKey);
    checkAssertionClaims(parsed.claims, cert.identity, now, this.skew);
    const verified = identityOf(parsed.claims, cert);
    this.assertions.set(token, verified);
    return verified;
  }

  private async certificate(der: Uint8Array, now: Date): Promise<CheckedCertificate> {
    const fingerprint = createHash("sha256").update(der).digest("hex");
    const hit = this.certificates.get(fingerprint);
    if (hit && now <= hit.notAfter) return hit;
    const checked = await checkAssertionCertificate(der, this.ca, now);
    this.certificates.set(fingerprint, checked);
    return checked;
  }
}
