// The SQLite LogEngine: reads, writes, compaction and the durability barrier on one
// connection to one file.
import type { Database } from "bun:sqlite";
import type { KeyValue, WatchEvent } from "../types.ts";
import type { LogEngine, PageQuery } from "../log/engine.ts";
import type { Row } from "../log/row.ts";
import { COMPACT_REVISION, Compactor, type CompactOptions } from "./compact.ts";
import { WalSync } from "./durability.ts";
import { Reads } from "./read.ts";
import { Meta, openDatabase } from "./schema.ts";
import { RESERVED_REVISION, Writes } from "./write.ts";

export class SqliteEngine implements LogEngine {
  readonly #db: Database;
  readonly #meta: Meta;
  readonly #reads: Reads;
  readonly #writes: Writes;
  readonly #compactor: Compactor;
  readonly #wal: WalSync;
  readonly #compactOptions: CompactOptions;

  constructor(path: string, compactOptions: CompactOptions = {}) {
    this.#db = openDatabase(path);
    this.#meta = new Meta(this.#db);
    this.#reads = new Reads(this.#db);
    this.#writes = new Writes(this.#db, this.#meta);
    this.#compactor = new Compactor(this.#db, this.#meta);
    this.#wal = new WalSync(path);
    this.#compactOptions = compactOptions;
  }

  headRevision(): number {
    return this.#reads.head();
  }

  reservedRevision(): number {
    return this.#meta.get(RESERVED_REVISION) ?? 0;
  }

  compactRevision(): number {
    return this.#meta.get(COMPACT_REVISION) ?? 0;
  }

  get(key: string, revision: number): KeyValue | undefined {
    return this.#reads.get(key, revision);
  }

  list(prefix: string, query: PageQuery): { kvs: KeyValue[]; more: boolean } {
    return this.#reads.list(prefix, query);
  }

  count(prefix: string, revision: number, startAfter: string): number {
    return this.#reads.count(prefix, revision, startAfter);
  }

  history(prefix: string, after: number, until: number, limit: number): WatchEvent[] {
    return this.#reads.history(prefix, after, until, limit);
  }

  latest(key: string): Row | undefined {
    return this.#writes.latest(key);
  }

  write(rows: Row[], reserve?: number): void {
    this.#writes.write(rows, reserve);
  }

  sync(): Promise<void> {
    return this.#wal.sync();
  }

  async compact(revision: number): Promise<void> {
    await this.#compactor.compact(revision, this.#compactOptions);
    await this.#wal.sync();
  }

  async close(): Promise<void> {
    await this.#wal.close();
    this.#db.close(true); // checkpoints the WAL into the file (synced) and removes it
  }
}
