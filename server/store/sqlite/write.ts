// Batch writes: one transaction per batch, the CAS rules from log/apply.ts on top of two
// prepared statements.
import type { Database } from "bun:sqlite";
import { applyOps } from "../log/apply.ts";
import type { Applied, WriteOp } from "../log/engine.ts";
import type { Row } from "../log/row.ts";
import { rowColumns, toRow, type RowColumns } from "./rows.ts";

export class Writes {
  readonly #batch: (ops: WriteOp[], head: number) => Applied;

  constructor(db: Database) {
    const latest = db.prepare<RowColumns, [string]>(
      `SELECT ${rowColumns("kv")} FROM kv WHERE key = ? ORDER BY id DESC LIMIT 1`,
    );
    const insert = db.prepare<void, [number, string, number, number, number, number, string]>(
      `INSERT INTO kv (id, key, created, deleted, create_revision, prev_revision, value)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const access = {
      latest(key: string): Row | undefined {
        const c = latest.get(key);
        return c ? toRow(c) : undefined;
      },
      append(row: Row): void {
        insert.run(row.id, row.key, row.created ? 1 : 0, row.deleted ? 1 : 0, row.createRevision, row.prevRevision, row.value);
      },
    };
    this.#batch = db.transaction((ops: WriteOp[], head: number) => applyOps(ops, head, access));
  }

  /** Applies ops in one transaction; throws (rolled back) on any storage error. */
  apply(ops: WriteOp[], head: number): Applied {
    return this.#batch(ops, head);
  }
}
