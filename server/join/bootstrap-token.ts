// Bootstrap tokens as kubeadm and k3s keep them: a Secret `kube-system/bootstrap-token-<id>`
// of type `bootstrap.kubernetes.io/token`, given to nodes as `K10<ca hash>::<id>.<secret>`.
import type { Secret } from "kubernetes-types/core/v1";

export const BOOTSTRAP_TOKEN_TYPE = "bootstrap.kubernetes.io/token";
export const BOOTSTRAP_TOKEN_NAMESPACE = "kube-system";
const ID = /^[a-z0-9]{6}$/;
const SECRET = /^[a-z0-9]{16}$/;
const TOKEN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export interface BootstrapToken {
  readonly id: string;
  readonly secret: string;
  /** Absent: never expires. */
  readonly expiration?: Date;
  readonly description?: string;
}

export function secretNameOf(id: string): string {
  return `bootstrap-token-${id}`;
}

/** `<id>.<secret>` split, or undefined when the text is not in that form. */
export function parseBootstrapToken(text: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(text);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function isBootstrapTokenId(id: string): boolean {
  return ID.test(id);
}

function randomString(n: number, random: (bytes: Uint8Array) => Uint8Array): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (252 = 7 × 36).
  while (out.length < n) {
    for (const b of random(new Uint8Array(n * 2))) if (b < 252 && out.length < n) out.push(ALPHABET[b % 36]!);
  }
  return out.join("");
}

export function generateBootstrapToken(
  opts: { ttlMs?: number; description?: string; now?: Date; random?: (b: Uint8Array) => Uint8Array } = {},
): BootstrapToken {
  const random = opts.random ?? ((b) => crypto.getRandomValues(b));
  const now = opts.now ?? new Date();
  return {
    id: randomString(6, random),
    secret: randomString(16, random),
    ...(opts.ttlMs ? { expiration: new Date(now.getTime() + opts.ttlMs) } : {}),
    ...(opts.description ? { description: opts.description } : {}),
  };
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const unb64 = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, "base64").toString("utf8"));
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function bootstrapTokenSecret(t: BootstrapToken): Secret {
  const data: Record<string, string> = {
    "token-id": b64(t.id),
    "token-secret": b64(t.secret),
    "usage-bootstrap-authentication": b64("true"),
    "usage-bootstrap-signing": b64("true"),
  };
  if (t.expiration) data.expiration = b64(rfc3339(t.expiration));
  if (t.description) data.description = b64(t.description);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: secretNameOf(t.id), namespace: BOOTSTRAP_TOKEN_NAMESPACE },
    type: BOOTSTRAP_TOKEN_TYPE,
    data,
  };
}

/** The token a Secret holds, or undefined when the Secret is not a well-formed bootstrap token. */
export function bootstrapTokenFromSecret(s: Secret): BootstrapToken | undefined {
  if (s.type !== BOOTSTRAP_TOKEN_TYPE) return undefined;
  const id = unb64(s.data?.["token-id"]);
  const secret = unb64(s.data?.["token-secret"]);
  if (!id || !secret || !ID.test(id) || !SECRET.test(secret) || s.metadata?.name !== secretNameOf(id)) return undefined;
  const exp = unb64(s.data?.expiration);
  const expiration = exp === undefined ? undefined : new Date(exp);
  const description = unb64(s.data?.description);
  return {
    id,
    secret,
    // An unreadable expiration counts as expired rather than as "never".
    ...(expiration ? { expiration: Number.isNaN(expiration.getTime()) ? new Date(0) : expiration } : {}),
    ...(description ? { description } : {}),
  };
}

/** True when the Secret may authenticate a joining node at `now`. */
export function usableForJoin(s: Secret, now: Date): BootstrapToken | undefined {
  const t = bootstrapTokenFromSecret(s);
  if (!t || unb64(s.data?.["usage-bootstrap-authentication"]) !== "true") return undefined;
  if (t.expiration && t.expiration.getTime() <= now.getTime()) return undefined;
  return t;
}
