// Compaction: below the compact revision R, a key keeps only its newest row, and only if that
// row is not a tombstone. Rows at or above R are untouched, so reads at R and later, and
// watches after R, see exactly what they saw before. R may lie above every row (volatile
// revisions are not rows); the revision counter survives a restart through the reservation
// mark (log/writer.ts), not through the rows.
import type { Database } from "bun:sqlite";
import type { Meta } from "./schema.ts";

export const COMPACT_REVISION = "compact_revision";

export interface CompactOptions {
  /** Rows examined per transaction; the event loop runs between transactions. */
  chunkRows?: number;
}

export class Compactor {
  readonly #db: Database;
  readonly #meta: Meta;
  readonly #first;
  readonly #boundary;
  readonly #delete;

  constructor(db: Database, meta: Meta) {
    this.#db = db;
    this.#meta = meta;
    this.#first = db.prepare<{ id: number | null }, []>("SELECT MIN(id) AS id FROM kv");
    this.#boundary = db.prepare<{ id: number }, [number, number]>(
      "SELECT id FROM kv WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?",
    );
    this.#delete = db.prepare<void, [number, number, number]>(
      `DELETE FROM kv WHERE id >= ?1 AND id < ?2 AND (
         deleted = 1 OR id < (SELECT MAX(n.id) FROM kv AS n WHERE n.key = kv.key AND n.id < ?3))`,
    );
  }

  async compact(revision: number, options: CompactOptions = {}): Promise<void> {
    const chunk = Math.max(1, options.chunkRows ?? 2000);
    // The revision is recorded in the same transaction as the first deletions: after a crash
    // the file never lacks history that its compact revision claims to have.
    let from = this.#first.get()?.id ?? revision;
    this.#db.transaction(() => {
      this.#meta.set(COMPACT_REVISION, revision);
      from = this.#step(from, revision, chunk);
    })();
    // Ascending order matters: a superseded row goes in an earlier or the same step as the
    // tombstone that supersedes it.
    while (from < revision) {
      await new Promise((r) => setImmediate(r));
      this.#db.transaction(() => {
        from = this.#step(from, revision, chunk);
      })();
    }
  }

  /** Deletes in [from, next) and returns next. */
  #step(from: number, revision: number, chunk: number): number {
    const next = Math.min(this.#boundary.get(from, chunk)?.id ?? revision, revision);
    if (next > from) this.#delete.run(from, next, revision);
    return Math.max(next, from);
  }
}
