// The write step of a batch: CAS over storage + volatile versions + the batch itself, then
// the split into rows storage must hold now and volatile rows it need not (renewal.ts).
//
// Revisions stay unique across restarts without persisting volatile rows: before a batch
// hands out a volatile revision above the persisted reservation mark, the batch raises the
// mark by a block (default 10,000 revisions) in its transaction and syncs. At open the head
// is max(newest row, mark), so no revision handed out before a crash is handed out again.
import { applyOps } from "./apply.ts";
import type { Applied, LogEngine, WriteOp } from "./engine.ts";
import { isRenewal } from "./renewal.ts";
import type { Row } from "./row.ts";
import { VolatileLog } from "./volatile.ts";

interface Appended {
  row: Row;
  volatile: boolean;
}

export class BatchWriter {
  readonly volatile = new VolatileLog();
  readonly #engine: LogEngine;
  readonly #reserveBlock: number;
  #reserved: number;
  /** The batch between apply() and committed() (the committer runs one at a time). */
  #pending: { appended: Appended[]; persistedVolatile: Row[] } | undefined;
  #unsynced = false;
  /** Engine compaction bookkeeping: skip it when no stored row can have become garbage. */
  #storedTop: number;
  #storedSinceCompaction = false;
  #engineCompacted: number;

  constructor(engine: LogEngine, reserveBlock = 10_000) {
    this.#engine = engine;
    this.#reserveBlock = Math.max(1, reserveBlock);
    this.#reserved = engine.reservedRevision();
    this.#storedTop = engine.headRevision();
    this.#engineCompacted = engine.compactRevision();
  }

  /** The revision to continue from at open. */
  head(): number {
    return Math.max(this.#engine.headRevision(), this.#reserved);
  }

  /** Applies ops numbered from head + 1; stores what must be stored, in one transaction. */
  apply(ops: WriteOp[], head: number): Applied {
    this.#pending = undefined;
    const added = new Map<string, Row>();
    const appended: Appended[] = [];
    const applied = applyOps(ops, head, {
      latest: (key) => added.get(key) ?? this.volatile.latest(key) ?? this.#engine.latest(key),
      append: (row, live) => {
        added.set(row.key, row);
        const volatile = live !== undefined && !row.created && !row.deleted && isRenewal(row.key, live.value, row.value);
        appended.push({ row, volatile });
      },
    });
    // A durable write of a key takes the key's unstored newest version along, so storage's
    // history stays a chain (its prev_revision exists) and nothing is flushed twice.
    const rows: Row[] = [];
    const carried: Row[] = [];
    const persistedVolatile: Row[] = [];
    const batchVolatile = new Map<string, Row>();
    // Keys with a stored write earlier in this batch: their unstored version from before the
    // batch went along with that write already (or was superseded), so it is not stored twice.
    const storedKeys = new Set<string>();
    for (const { row, volatile } of appended) {
      if (volatile) {
        batchVolatile.set(row.key, row);
        continue;
      }
      const inBatch = batchVolatile.get(row.key);
      const before = inBatch ?? (storedKeys.has(row.key) ? undefined : this.volatile.dirty(row.key));
      storedKeys.add(row.key);
      if (before) {
        rows.push(before);
        (inBatch ? persistedVolatile : carried).push(before);
        batchVolatile.delete(row.key);
      }
      rows.push(row);
    }
    const reserve = appended.some((a) => a.volatile && a.row.id > this.#reserved) ? applied.revision + this.#reserveBlock : undefined;
    if (rows.length > 0 || reserve !== undefined) {
      this.#engine.write(rows, reserve);
      this.#unsynced = true;
      this.#stored(rows);
      if (reserve !== undefined) this.#reserved = reserve;
      this.volatile.persisted(carried);
    }
    this.#pending = { appended, persistedVolatile };
    return applied;
  }

  /** The durability barrier of the last batch: a sync only if it stored anything. */
  async sync(): Promise<boolean> {
    if (!this.#unsynced) return false;
    this.#unsynced = false;
    await this.#engine.sync();
    return true;
  }

  /** After the sync: the batch's volatile rows join the volatile log. */
  committed(applied: Applied): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending) return;
    pending.appended.forEach(({ row, volatile }, i) => {
      if (volatile) this.volatile.addVolatile(row, applied.events[i]!);
      else this.volatile.addDurable(row.key, row.id);
    });
    this.volatile.persisted(pending.persistedVolatile);
  }

  /** Stores every unstored volatile version in one transaction; true if it stored any. */
  flush(): boolean {
    const rows = this.volatile.dirtyRows();
    if (rows.length === 0) return false;
    this.#engine.write(rows);
    this.#stored(rows);
    this.volatile.persisted(rows);
    return true;
  }

  /**
   * At a graceful close, after the last flush: every revision handed out is at most `head`,
   * so the mark comes down to it and the next run continues without a gap of a block.
   */
  settle(head: number): void {
    if (this.#reserved <= head || this.volatile.dirtyRows().length > 0) return;
    this.#engine.write([], head);
    this.#reserved = head;
  }

  /** True if compacting storage to `revision` can remove anything. */
  engineCompactionDue(): boolean {
    return this.#storedSinceCompaction || this.#storedTop >= this.#engineCompacted;
  }

  /** Call as storage compaction to `revision` starts. */
  engineCompacting(revision: number): void {
    this.#storedSinceCompaction = false;
    this.#engineCompacted = Math.max(this.#engineCompacted, revision);
  }

  #stored(rows: Row[]): void {
    if (rows.length === 0) return;
    this.#storedSinceCompaction = true;
    for (const row of rows) this.#storedTop = Math.max(this.#storedTop, row.id);
  }
}
