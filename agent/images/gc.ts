// Image garbage collection, as the kubelet's image GC: when the disk holding the images passes
// the high threshold (85 %), remove unused images, least recently used first, until usage would
// be under the low threshold (80 %). Images used by containers (inUse: image IDs or references)
// and images younger than minAge are kept; so are layers of pulls in progress (pins).
import { statfs } from "node:fs/promises";
import type { Pins } from "./layers.ts";
import { parseReference } from "./reference.ts";
import type { ImageRecord, ImageStore } from "./store.ts";

export interface GcPolicy {
  highThresholdPercent: number;
  lowThresholdPercent: number;
  /** Images unused for less than this are never removed (kubelet's imageMinimumGCAge, 2 min). */
  minAgeMs: number;
}

export const DEFAULT_GC_POLICY: GcPolicy = Object.freeze({ highThresholdPercent: 85, lowThresholdPercent: 80, minAgeMs: 120_000 });

export interface DiskUsage {
  capacityBytes: number;
  availableBytes: number;
}

export type DiskUsageFn = (path: string) => Promise<DiskUsage>;

export const statfsUsage: DiskUsageFn = async (path) => {
  const s = await statfs(path);
  return { capacityBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
};

export interface GcResult {
  usagePercent: number;
  /** IDs of the images removed. */
  removed: string[];
  /** Estimated bytes freed (unpacked layers no image uses any more, plus compressed sizes). */
  freedBytes: number;
}

/** Whether the record is named by any entry of the in-use set (IDs, names, repo digests, or any reference form). */
export function inUseMatcher(inUse: Set<string>): (r: ImageRecord) => boolean {
  const keys = new Set<string>();
  for (const k of inUse) {
    keys.add(k);
    try {
      const ref = parseReference(k);
      keys.add(ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag}`);
    } catch {
      // an image ID or something else: used as is
    }
  }
  return (r) => keys.has(r.id) || r.names.some((n) => keys.has(n)) || r.repoDigests.some((d) => keys.has(d));
}

/** Removes `record` and sweeps what no image uses any more; returns the bytes freed. */
export async function removeImage(store: ImageStore, pins: Pins, record: ImageRecord): Promise<number> {
  await store.remove(record.id);
  const swept = new Set(await store.sweep(pins.keys()));
  return record.layers.filter((l) => swept.has(l.diffID)).reduce((n, l) => n + l.unpackedSize + l.size, 0);
}

export async function collectGarbage(opts: {
  store: ImageStore;
  pins: Pins;
  inUse: Set<string>;
  usage: DiskUsageFn;
  policy: GcPolicy;
  now: number;
  /** Remove every unused image whatever the disk usage (crictl rmi --prune). */
  all?: boolean;
}): Promise<GcResult> {
  const { store, pins, policy } = opts;
  const du = await opts.usage(store.root);
  const used = du.capacityBytes - du.availableBytes;
  const usagePercent = du.capacityBytes > 0 ? (used / du.capacityBytes) * 100 : 0;
  const result: GcResult = { usagePercent, removed: [], freedBytes: 0 };
  if (!opts.all && usagePercent < policy.highThresholdPercent) return result;
  const toFree = opts.all ? Infinity : used - (du.capacityBytes * policy.lowThresholdPercent) / 100;
  const used_ = inUseMatcher(opts.inUse);
  const candidates = store
    .list()
    .filter((r) => !used_(r) && opts.now - r.lastUsedAt >= policy.minAgeMs)
    .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
  for (const r of candidates) {
    if (result.freedBytes >= toFree) break;
    result.freedBytes += await removeImage(store, pins, r);
    result.removed.push(r.id);
  }
  return result;
}
