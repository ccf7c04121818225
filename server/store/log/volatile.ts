// The in-memory part of the revision log: versions of keys written as volatile (node lease
// renewals, renewal.ts) that storage does not hold one by one. Reads, CAS and watch replay
// consult it on top of the engine, so a volatile write is indistinguishable from any other
// until a restart. Storage receives only each key's newest version ("dirty" until then), in
// one batch at a flush or together with the next durable write of that key.
//
// Per key, a chain of versions ascending by revision: volatile rows, and markers for durable
// writes that came after one (so a read knows the engine's row is newer). The newest chain
// entry at or below a revision R decides a read at R: a row answers it, a marker (or no
// entry) hands it to the engine.
import type { KeyValue, WatchEvent } from "../types.ts";
import { hasPrefix, kvOf, type Row } from "./row.ts";

interface Version {
  revision: number;
  /** The volatile row; absent for a marker (a durable write the engine holds). */
  row?: Row;
  /** True once storage holds this row. */
  persisted?: boolean;
}

export class VolatileLog {
  readonly #chains = new Map<string, Version[]>();
  /** Every volatile event above the compact revision, ascending (for watch replay). */
  #events: WatchEvent[] = [];
  /** Per key, its newest version if storage does not hold it yet. */
  readonly #dirty = new Map<string, Version>();

  /** The key's newest row if it is volatile (newer than anything storage holds for it). */
  latest(key: string): Row | undefined {
    return this.#chains.get(key)?.at(-1)?.row;
  }

  /** The volatile row deciding a read of key at revision, or undefined (ask the engine). */
  at(key: string, revision: number): Row | undefined {
    const chain = this.#chains.get(key);
    if (!chain) return undefined;
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.revision <= revision) return chain[i]!.row;
    return undefined;
  }

  /** kvs read from the engine at revision, with values replaced where a volatile one is newer. */
  overlay(kvs: KeyValue[], revision: number): KeyValue[] {
    if (this.#chains.size === 0) return kvs;
    return kvs.map((kv) => {
      const row = this.at(kv.key, revision);
      return row && row.id > kv.modRevision ? kvOf(row) : kv;
    });
  }

  /** Volatile events under prefix with after < revision <= until, oldest first, at most limit. */
  history(prefix: string, after: number, until: number, limit: number): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (let i = firstAbove(this.#events, after); i < this.#events.length && out.length < limit; i++) {
      const e = this.#events[i]!;
      if (e.kv.modRevision > until) break;
      if (hasPrefix(e.kv.key, prefix)) out.push(e);
    }
    return out;
  }

  /** Records a committed volatile row (its event carries the previous version as prevKv). */
  addVolatile(row: Row, event: WatchEvent): void {
    const version: Version = { revision: row.id, row };
    this.#chain(row.key).push(version);
    this.#dirty.set(row.key, version);
    this.#events.push(event);
  }

  /** Records a committed durable write of key, if the key has volatile versions. */
  addDurable(key: string, revision: number): void {
    this.#chains.get(key)?.push({ revision });
  }

  /** The key's unpersisted newest row, if any. */
  dirty(key: string): Row | undefined {
    return this.#dirty.get(key)?.row;
  }

  /** Every unpersisted newest row, oldest revision first. */
  dirtyRows(): Row[] {
    return [...this.#dirty.values()].map((v) => v.row!).sort((a, b) => a.id - b.id);
  }

  /** Storage now holds these rows (from dirty() or dirtyRows()). */
  persisted(rows: Row[]): void {
    for (const row of rows) {
      if (this.#dirty.get(row.key)?.row === row) this.#dirty.delete(row.key);
      const chain = this.#chains.get(row.key) ?? [];
      for (let i = chain.length - 1; i >= 0 && chain[i]!.revision >= row.id; i--) {
        if (chain[i]!.row === row) chain[i]!.persisted = true;
      }
    }
  }

  /**
   * Forgets what no read at or above `revision` and no watch after it needs: events at or
   * below it, and per key every version below its newest one at or below it, which itself
   * stays only if it is an unpersisted row.
   */
  compact(revision: number): void {
    this.#events = this.#events.slice(firstAbove(this.#events, revision));
    for (const [key, chain] of this.#chains) {
      let n = 0; // versions at or below revision
      while (n < chain.length && chain[n]!.revision <= revision) n += 1;
      if (n === 0) continue;
      const base = chain[n - 1]!;
      const keep = base.row && !base.persisted ? chain.slice(n - 1) : chain.slice(n);
      if (keep.length === 0) this.#chains.delete(key);
      else this.#chains.set(key, keep);
    }
  }

  #chain(key: string): Version[] {
    let chain = this.#chains.get(key);
    if (!chain) this.#chains.set(key, (chain = []));
    return chain;
  }
}

/** The index of the first event with a revision above `revision`. */
function firstAbove(events: WatchEvent[], revision: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.kv.modRevision <= revision) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One history page from storage's events and volatile ones (both ascending, each at most
 * `limit`): the first `limit` of their union. A flushed volatile version appears in both;
 * the volatile event wins, as it carries its prevKv.
 */
export function mergeHistory(stored: WatchEvent[], volatile: WatchEvent[], limit: number): WatchEvent[] {
  if (volatile.length === 0) return stored;
  const out: WatchEvent[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < stored.length || j < volatile.length)) {
    const s = stored[i]?.kv.modRevision ?? Infinity;
    const v = volatile[j]?.kv.modRevision ?? Infinity;
    if (s < v) out.push(stored[i++]!);
    else {
      if (s === v) i += 1;
      out.push(volatile[j++]!);
    }
  }
  return out;
}
