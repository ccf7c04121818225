// Who may ask for a node credential: a request carrying the server's join secret or a live
// bootstrap token, as HTTP basic auth `node:<secret>` or `Authorization: Bearer <K10 token>`.
// Bootstrap tokens are looked up on every request, so deleted or expired ones fail at once.
import { timingSafeEqual } from "node:crypto";
import type { Secret } from "kubernetes-types/core/v1";
import { errors } from "../../shared/api/errors.ts";
import { parseJoinToken, tokenMatchesCa } from "../../shared/pki/join-token.ts";
import { BOOTSTRAP_TOKEN_NAMESPACE, parseBootstrapToken, secretNameOf, usableForJoin } from "./bootstrap-token.ts";

export interface JoinAuthOptions {
  /** The secret part of the server's own join token. */
  readonly tokenSecret: string;
  readonly serverCaPem: string;
  /** Reads a Secret from kube-system, undefined when absent. */
  getSecret(name: string): Promise<Secret | undefined>;
  now(): Date;
}

/** What authenticated the request: the server token, or the bootstrap token with this id. */
export type JoinAuth = { readonly kind: "server" } | { readonly kind: "bootstrap"; readonly id: string };

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The join secret a request presents, or undefined; throws 401 on a malformed header. */
export function presentedSecret(req: Request, serverCaPem: string): string | undefined {
  const h = req.headers.get("authorization");
  if (!h) return undefined;
  if (h.startsWith("Basic ")) {
    const text = Buffer.from(h.slice(6).trim(), "base64").toString("utf8");
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : text.slice(colon + 1);
  }
  if (h.startsWith("Bearer ")) {
    let token;
    try {
      token = parseJoinToken(h.slice(7));
    } catch {
      return undefined;
    }
    // A token pinning another CA was made for another cluster.
    return tokenMatchesCa(token, serverCaPem) ? token.password : undefined;
  }
  return undefined;
}

export async function authenticateJoin(req: Request, opts: JoinAuthOptions): Promise<JoinAuth> {
  const secret = presentedSecret(req, opts.serverCaPem);
  if (secret === undefined || secret === "") throw errors.unauthorized();
  if (safeEqual(secret, opts.tokenSecret)) return { kind: "server" };
  const bt = parseBootstrapToken(secret);
  if (!bt) throw errors.unauthorized();
  const stored = await opts.getSecret(secretNameOf(bt.id));
  const usable = stored && stored.metadata?.namespace === BOOTSTRAP_TOKEN_NAMESPACE ? usableForJoin(stored, opts.now()) : undefined;
  if (!usable || !safeEqual(usable.secret, bt.secret)) throw errors.unauthorized();
  return { kind: "bootstrap", id: bt.id };
}
