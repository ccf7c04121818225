// The in-memory LogEngine: the same revision log as the SQLite driver, kept in arrays and
// maps. Nothing survives close; sync is immediate.
import type { KeyValue, WatchEvent } from "../types.ts";
import type { LogEngine, PageQuery } from "../log/engine.ts";
import { eventOf, hasPrefix, kvOf, type Row } from "../log/row.ts";

export class MemoryEngine implements LogEngine {
  /** All rows, ascending by id. */
  #rows: Row[] = [];
  #byId = new Map<number, Row>();
  /** Each key's rows, ascending by id. */
  #byKey = new Map<string, Row[]>();
  /** Every key with at least one row, sorted. */
  #keys: string[] = [];
  #compactRevision = 0;
  #reserved = 0;

  headRevision(): number {
    return this.#rows.at(-1)?.id ?? 0;
  }

  reservedRevision(): number {
    return this.#reserved;
  }

  compactRevision(): number {
    return this.#compactRevision;
  }

  get(key: string, revision: number): KeyValue | undefined {
    const row = this.#at(key, revision);
    return row && !row.deleted ? kvOf(row) : undefined;
  }

  list(prefix: string, query: PageQuery): { kvs: KeyValue[]; more: boolean } {
    const kvs: KeyValue[] = [];
    for (const row of this.#live(prefix, query.revision, query.startAfter)) {
      if (query.limit > 0 && kvs.length === query.limit) return { kvs, more: true };
      kvs.push(kvOf(row));
    }
    return { kvs, more: false };
  }

  count(prefix: string, revision: number, startAfter: string): number {
    let n = 0;
    for (const _ of this.#live(prefix, revision, startAfter)) n += 1;
    return n;
  }

  history(prefix: string, after: number, until: number, limit: number): WatchEvent[] {
    const events: WatchEvent[] = [];
    for (let i = firstAbove(this.#rows, after); i < this.#rows.length && events.length < limit; i++) {
      const row = this.#rows[i]!;
      if (row.id > until) break;
      if (hasPrefix(row.key, prefix)) events.push(eventOf(row, this.#byId.get(row.prevRevision)));
    }
    return events;
  }

  latest(key: string): Row | undefined {
    return this.#byKey.get(key)?.at(-1);
  }

  write(rows: Row[], reserve?: number): void {
    for (const row of rows) this.#add(row);
    if (reserve !== undefined) this.#reserved = reserve;
  }

  async sync(): Promise<void> {}

  async compact(revision: number): Promise<void> {
    const keep = this.#rows.filter((row) => row.id >= revision || this.#survives(row, revision));
    this.#rows = [];
    this.#byId.clear();
    this.#byKey.clear();
    this.#keys = [];
    for (const row of keep) this.#add(row);
    this.#compactRevision = Math.max(this.#compactRevision, revision);
  }

  async close(): Promise<void> {}

  /** A row below the compact revision survives only as its key's newest such row, if live. */
  #survives(row: Row, revision: number): boolean {
    return !row.deleted && this.#at(row.key, revision - 1) === row;
  }

  /** Rows usually arrive in id order; a flushed volatile version may be older than the newest. */
  #add(row: Row): void {
    insertById(this.#rows, row);
    this.#byId.set(row.id, row);
    const rows = this.#byKey.get(row.key);
    if (rows) {
      insertById(rows, row);
      return;
    }
    this.#byKey.set(row.key, [row]);
    this.#keys.splice(lowerBound(this.#keys, row.key), 0, row.key);
  }

  /** Newest row of key with id <= revision. */
  #at(key: string, revision: number): Row | undefined {
    const rows = this.#byKey.get(key);
    if (!rows) return undefined;
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.id <= revision) return rows[i];
    return undefined;
  }

  *#live(prefix: string, revision: number, startAfter: string): Generator<Row> {
    const from = startAfter > prefix ? startAfter : prefix;
    for (let i = lowerBound(this.#keys, from); i < this.#keys.length; i++) {
      const key = this.#keys[i]!;
      if (!hasPrefix(key, prefix)) return; // keys under a prefix are contiguous
      if (key === startAfter) continue;
      const row = this.#at(key, revision);
      if (row && !row.deleted) yield row;
    }
  }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAbove(rows: Row[], id: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertById(rows: Row[], row: Row): void {
  if ((rows.at(-1)?.id ?? 0) < row.id) rows.push(row);
  else rows.splice(firstAbove(rows, row.id), 0, row);
}
