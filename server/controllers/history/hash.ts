// Hashes that name ControllerRevisions and label pods: FNV-1a 32 over the content, printed in
// decimal and each digit mapped onto upstream's "safe" alphabet (rand.SafeEncodeString), so a
// value looks like upstream's (`5d8b9f8c6b`). The bytes hashed are canonical JSON (sorted keys),
// not Go's spew dump, so the values themselves differ from upstream's.

const SAFE = "bcdfghjklmnpqrstvwxz2456789";

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncode(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE[s.charCodeAt(i) % SAFE.length];
  return out;
}

/** JSON with object keys sorted, so equal objects always give equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const encoder = new TextEncoder();

/**
 * Upstream's ComputeHash(template, collisionCount): the pod template, then the collision count as
 * 8 little-endian bytes when there is one.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncode(String(h));
}

/** Upstream's HashControllerRevision: the revision data, then the collision count in decimal. */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJson(data)));
  if (collisionCount !== undefined) h = fnv32a(encoder.encode(String(collisionCount)), h);
  return safeEncode(String(h));
}
