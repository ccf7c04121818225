// Batch writes: rows (and the reservation mark) in one transaction. The CAS rules run above
// this, in log/writer.ts; the store has a single writer, so "newest row" read outside the
// transaction stays true until the rows are written.
import type { Database } from "bun:sqlite";
import type { Row } from "../log/row.ts";
import { rowColumns, toRow, type RowColumns } from "./rows.ts";
import type { Meta } from "./schema.ts";

/** Meta name of the reservation mark: revisions up to it may have been handed out. */
export const RESERVED_REVISION = "reserved_revision";

export class Writes {
  readonly #latest;
  readonly #write: (rows: Row[], reserve: number | undefined) => void;

  constructor(db: Database, meta: Meta) {
    this.#latest = db.prepare<RowColumns, [string]>(
      `SELECT ${rowColumns("kv")} FROM kv WHERE key = ? ORDER BY id DESC LIMIT 1`,
    );
    const insert = db.prepare<void, [number, string, number, number, number, number, string]>(
      `INSERT INTO kv (id, key, created, deleted, create_revision, prev_revision, value)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#write = db.transaction((rows: Row[], reserve: number | undefined) => {
      for (const row of rows) {
        insert.run(row.id, row.key, row.created ? 1 : 0, row.deleted ? 1 : 0, row.createRevision, row.prevRevision, row.value);
      }
      if (reserve !== undefined) meta.set(RESERVED_REVISION, reserve);
    });
  }

  latest(key: string): Row | undefined {
    const c = this.#latest.get(key);
    return c ? toRow(c) : undefined;
  }

  /** Stores rows in one transaction; throws (rolled back) on any storage error. */
  write(rows: Row[], reserve?: number): void {
    this.#write(rows, reserve);
  }
}
