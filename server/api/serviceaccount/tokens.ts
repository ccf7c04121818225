// Service account tokens: ES256 JWTs signed with the server's service-account key (created with
// the other PKI at first start, <data-dir>/server/tls/service.key, 0600, reused on restart), with
// upstream's claims. The issuer doubles as the API server's audience, as upstream's default
// (--api-audiences falls back to --service-account-issuer): a token asked for without audiences
// is valid here; one asked for another audience is not (it is meant for someone else).
//
//   header { alg: "ES256", typ: "JWT", kid: <base64url sha256 of the public key (SPKI DER)> }
//   claims { iss, sub: system:serviceaccount:<ns>:<name>, aud: [...], exp, iat, nbf, jti,
//            kubernetes.io: { namespace, serviceaccount {name, uid}, pod|secret {name, uid}, node? } }
import { createHash } from "node:crypto";
import { privateKeyFromPem } from "../../../shared/pki/keys.ts";

export const DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
export const SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

const ES256 = { name: "ECDSA", hash: "SHA-256" } as const;
const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

export interface ObjectRef {
  name: string;
  uid: string;
}

/** The private `kubernetes.io` claim. */
export interface KubernetesClaim {
  namespace: string;
  serviceaccount: ObjectRef;
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
  /** When an extended token (see token-request.ts) should have been replaced: past it, still valid. */
  warnafter?: number;
}

export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  "kubernetes.io": KubernetesClaim;
}

export interface IssueOptions {
  readonly audiences: readonly string[];
  readonly expirationSeconds: number;
  readonly claim: KubernetesClaim;
  /** Seconds after which the token counts as stale (the `warnafter` claim), for extended tokens. */
  readonly warnAfterSeconds?: number;
}

const jsonPart = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export class ServiceAccountTokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly kid: string,
    readonly issuer: string,
    /** What a token must be meant for to authenticate to this API server. */
    readonly apiAudiences: readonly string[],
    private readonly now: () => Date,
  ) {}

  /** From the PKCS#8 PEM P-256 key the server PKI keeps (ServerPki.serviceAccountKeyPem). */
  static async fromPem(keyPem: string, opts: { issuer?: string; apiAudiences?: string[]; now?: () => Date } = {}): Promise<ServiceAccountTokens> {
    const privateKey = await privateKeyFromPem(keyPem);
    // The public half: the private JWK without d (and without its key_ops, which say "sign").
    const { d: _private, key_ops: _ops, ...pub } = await crypto.subtle.exportKey("jwk", privateKey);
    const publicKey = await crypto.subtle.importKey("jwk", pub, P256, true, ["verify"]);
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
    const kid = createHash("sha256").update(spki).digest("base64url");
    const issuer = opts.issuer ?? DEFAULT_ISSUER;
    return new ServiceAccountTokens(privateKey, publicKey, kid, issuer, opts.apiAudiences ?? [issuer], opts.now ?? (() => new Date()));
  }

  async issue(o: IssueOptions): Promise<{ token: string; claims: ServiceAccountClaims }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const c = o.claim;
    const claims: ServiceAccountClaims = {
      iss: this.issuer,
      sub: `${SERVICE_ACCOUNT_PREFIX}${c.namespace}:${c.serviceaccount.name}`,
      aud: [...o.audiences],
      exp: iat + o.expirationSeconds,
      iat,
      nbf: iat,
      jti: crypto.randomUUID(),
      "kubernetes.io": o.warnAfterSeconds === undefined ? c : { ...c, warnafter: iat + o.warnAfterSeconds },
    };
    const input = `${jsonPart({ alg: "ES256", kid: this.kid, typ: "JWT" })}.${jsonPart(claims)}`;
    const sig = new Uint8Array(await crypto.subtle.sign(ES256, this.privateKey, new TextEncoder().encode(input)));
    return { token: `${input}.${Buffer.from(sig).toString("base64url")}`, claims };
  }

  /** True when the token is a JWT from this issuer: the only ones this verifier has a say on. */
  isOurs(token: string): boolean {
    const parts = token.split(".");
    return parts.length === 3 && decodePart(parts[1]!)?.iss === this.issuer;
  }

  /** The claims of a token this server signed that is in its time window and meant for `audiences`; else the rule it broke. */
  async verify(token: string, audiences: readonly string[] = this.apiAudiences): Promise<ServiceAccountClaims | string> {
    const parts = token.split(".");
    if (parts.length !== 3) return "not a JWT";
    const [h, c, s] = parts as [string, string, string];
    const header = decodePart(h);
    if (header?.alg !== "ES256") return "alg must be ES256";
    const ok = await crypto.subtle
      .verify(ES256, this.publicKey, new Uint8Array(Buffer.from(s, "base64url")), new TextEncoder().encode(`${h}.${c}`))
      .catch(() => false);
    if (!ok) return "invalid signature";
    const claims = decodePart(c) as ServiceAccountClaims | undefined;
    const k = claims?.["kubernetes.io"];
    if (!claims || claims.iss !== this.issuer || typeof claims.exp !== "number" || !k?.serviceaccount?.name || !k.namespace) return "malformed claims";
    const t = this.now().getTime() / 1000;
    if (t >= claims.exp) return "token has expired";
    if (typeof claims.nbf === "number" && t + 60 < claims.nbf) return "token is not valid yet";
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => audiences.includes(a))) return "token audiences is invalid";
    if (claims.sub !== `${SERVICE_ACCOUNT_PREFIX}${k.namespace}:${k.serviceaccount.name}`) return "sub does not name the service account";
    return claims;
  }
}
