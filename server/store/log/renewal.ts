// Which writes are node heartbeats: an update of a Lease in kube-node-lease that changes
// nothing but the renewal time (and the managedFields timestamp that moves with it). Such
// writes are "volatile" (see volatile.ts): visible at once like any write, but not persisted
// one by one, because each is superseded by the next renewal 10 s later.

/** Where node Leases live (server/api/storage/keys.ts layout). */
export const VOLATILE_PREFIX = "/registry/coordination.k8s.io/leases/kube-node-lease/";

/** True if `prefix` may hold volatile keys: a watch or list of it sees heartbeats. */
export function overlapsVolatile(prefix: string): boolean {
  return prefix.startsWith(VOLATILE_PREFIX) || VOLATILE_PREFIX.startsWith(prefix);
}

/** True if updating `key` from `before` to `after` (stored JSON texts) is only a renewal. */
export function isRenewal(key: string, before: string, after: string): boolean {
  if (!key.startsWith(VOLATILE_PREFIX)) return false;
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before);
    b = JSON.parse(after);
  } catch {
    return false;
  }
  return sameJson(withoutHeartbeat(a), withoutHeartbeat(b));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The object with spec.renewTime and every managedFields[].time removed. */
function withoutHeartbeat(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  if (isObject(value.spec)) out.spec = { ...value.spec, renewTime: undefined };
  const meta = value.metadata;
  if (isObject(meta) && Array.isArray(meta.managedFields)) {
    out.metadata = { ...meta, managedFields: meta.managedFields.map((e) => (isObject(e) ? { ...e, time: undefined } : e)) };
  }
  return out;
}

/** Deep equality of parsed JSON, ignoring key order; an undefined member counts as absent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
}

function isObject(v: unknown): v is Record<string, Json | undefined> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
