// Registry authentication: the WWW-Authenticate challenge of a 401 decides the scheme.
//   Basic  → the credentials, base64 "user:password".
//   Bearer → a token from the challenge's realm (service, scope repository:<name>:pull),
//            anonymously, with basic credentials, or with an identity (refresh) token posted as
//            OAuth2 grant_type=refresh_token. Tokens are cached until they expire.
// Learned challenges are remembered per host so later requests authenticate up front.
import { RegistryError, registryErrorText } from "./errors.ts";
import type { RegistryAuth } from "./registries.ts";
import type { TlsOptions, Transport } from "./transport.ts";

export interface Challenge {
  scheme: "basic" | "bearer";
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (the first Basic or Bearer challenge). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = header.match(/^\s*(basic|bearer)\b\s*(.*)$/i);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const p of m[2]!.matchAll(re)) params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3]!;
  return { scheme: m[1]!.toLowerCase() as Challenge["scheme"], params };
}

const TOKEN_TIMEOUT_MS = 30_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class Authorizer {
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {}

  learn(host: string, challenge: Challenge): void {
    this.challenges.set(host, challenge);
  }

  knows(host: string): boolean {
    return this.challenges.has(host);
  }

  /** The Authorization header for a request to `host` needing `scope`, if its challenge is known. */
  async header(host: string, scope: string, auth: RegistryAuth | undefined, tls: TlsOptions | undefined): Promise<string | undefined> {
    const ch = this.challenges.get(host);
    if (!ch) return undefined;
    if (ch.scheme === "basic") {
      if (!auth?.username) return undefined;
      return `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ""}`).toString("base64")}`;
    }
    const key = `${host}|${scope}|${auth?.username ?? ""}|${auth?.identityToken ? "refresh" : ""}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
    const fresh = await this.fetchToken(ch, scope, auth, tls);
    this.tokens.set(key, fresh);
    return `Bearer ${fresh.token}`;
  }

  /** Forgets a token the registry refused, so the next attempt fetches a new one. */
  forget(host: string, scope: string, auth: RegistryAuth | undefined): void {
    this.tokens.delete(`${host}|${scope}|${auth?.username ?? ""}|${auth?.identityToken ? "refresh" : ""}`);
  }

  private async fetchToken(ch: Challenge, scope: string, auth: RegistryAuth | undefined, tls: TlsOptions | undefined): Promise<CachedToken> {
    const realm = ch.params.realm;
    if (!realm) throw new Error("the registry's Bearer challenge has no realm");
    const service = ch.params.service;
    const realmTls = new URL(realm).protocol === "https:" ? tls : undefined;
    let res: Response;
    if (auth?.identityToken) {
      const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: auth.identityToken, client_id: "kubun", scope, ...(service ? { service } : {}) });
      res = await this.transport.request(realm, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString(), tls: realmTls, timeoutMs: TOKEN_TIMEOUT_MS });
    } else {
      const url = new URL(realm);
      if (service) url.searchParams.set("service", service);
      url.searchParams.set("scope", scope);
      const headers: Record<string, string> = {};
      if (auth?.username) {
        headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ""}`).toString("base64")}`;
        url.searchParams.set("account", auth.username);
      }
      res = await this.transport.request(url.toString(), { headers, tls: realmTls, timeoutMs: TOKEN_TIMEOUT_MS });
    }
    const text = await res.text();
    if (!res.ok) throw new RegistryError(res.status, registryErrorText(res.status, text), realm);
    let body: { token?: string; access_token?: string; expires_in?: number; issued_at?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`token endpoint ${realm} answered with something that is not JSON`);
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new Error(`token endpoint ${realm} answered without a token`);
    // Docker's default lifetime is 60 s; keep a margin.
    const lifetime = Math.max(10, body.expires_in ?? 60) * 1000;
    return { token, expiresAt: this.now() + lifetime * 0.9 };
  }
}
