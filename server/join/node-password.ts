// Node passwords: the first join of a node name stores a salted scrypt hash of the agent's
// random password in Secret `kube-system/<node>.node-password.kubun`; a later join with
// another password is refused while the Node exists. Deleting the Node frees the name: a
// join that finds no Node object accepts the new password and overwrites the hash.
import { randomBytes, scrypt as scryptCb } from "node:crypto";
import { promisify } from "node:util";
import type { Secret } from "kubernetes-types/core/v1";
import { errors } from "../../shared/api/errors.ts";
import { safeEqual } from "./join-auth.ts";

export const NODE_PASSWORD_TYPE = "kubun.io/node-password";
export const NODE_PASSWORD_NAMESPACE = "kube-system";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };

export function nodePasswordSecretName(node: string): string {
  return `${node}.node-password.kubun`;
}

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export async function hashNodePassword(password: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const hash = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function nodePasswordMatches(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const got = await scrypt(password, Buffer.from(salt, "base64"), 32, { N: Number(n), r: Number(r), p: Number(p) });
  return safeEqual(got.toString("base64"), hash);
}

/** What the check needs from the store. */
export interface NodePasswordStore {
  getSecret(name: string): Promise<Secret | undefined>;
  /** Creates, or replaces when `existing` is given (compare-and-swap on its resourceVersion). */
  putSecret(secret: Secret, existing?: Secret): Promise<void>;
  nodeExists(name: string): Promise<boolean>;
}

function storedHash(s: Secret): string | undefined {
  const v = s.data?.hash;
  return v === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
}

/** Accepts the password for `node` (storing it when new) or throws 403. */
export async function checkNodePassword(store: NodePasswordStore, node: string, password: string): Promise<"stored" | "matched" | "replaced"> {
  const name = nodePasswordSecretName(node);
  const existing = await store.getSecret(name);
  const hash = existing && storedHash(existing);
  if (hash && (await nodePasswordMatches(password, hash))) return "matched";
  if (existing && (await store.nodeExists(node))) {
    throw errors.forbidden(`node password does not match: node "${node}" already joined with another password; delete the Node to free its name`);
  }
  const secret: Secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: NODE_PASSWORD_NAMESPACE },
    type: NODE_PASSWORD_TYPE,
    data: { hash: Buffer.from(await hashNodePassword(password)).toString("base64") },
  };
  await store.putSecret(secret, existing);
  return existing ? "replaced" : "stored";
}
