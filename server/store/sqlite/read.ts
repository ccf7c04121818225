// Reads at a revision. A key's state at revision R is its newest row with id <= R; the key is
// live at R if that row is not a tombstone. Prefixes become key ranges on the (key, id) index.
import type { Database } from "bun:sqlite";
import type { KeyValue, WatchEvent } from "../types.ts";
import type { PageQuery } from "../log/engine.ts";
import { eventOf, prefixEnd } from "../log/row.ts";
import { lowerKey, rowColumns, toRow, type RowColumns } from "./rows.ts";

type HistoryColumns = RowColumns & { [K in keyof RowColumns as `p_${K}`]: RowColumns[K] | null };

export class Reads {
  readonly #get;
  readonly #list;
  readonly #count;
  readonly #history;
  readonly #head;

  constructor(db: Database) {
    this.#get = db.prepare<KeyValue & { deleted: number }, [string, number]>(
      `SELECT key, value, create_revision AS createRevision, id AS modRevision, deleted
       FROM kv WHERE key = ?1 AND id <= ?2 ORDER BY id DESC LIMIT 1`,
    );
    // Walks the (key, id) index in key order, so a page stops after `limit` keys (a GROUP BY
    // subquery would make SQLite sort the whole prefix first).
    this.#list = db.prepare<KeyValue, [string, string, number, number]>(
      `SELECT key, value, create_revision AS createRevision, id AS modRevision FROM kv
       WHERE key >= ?1 AND key < ?2 AND id <= ?3 AND deleted = 0
         AND id = (SELECT MAX(n.id) FROM kv AS n WHERE n.key = kv.key AND n.id <= ?3)
       ORDER BY key LIMIT ?4`,
    );
    // SQLite's documented bare-column rule: with one max() aggregate, `deleted` comes from
    // the row holding the max. All three columns are in the index, so no table row is read.
    this.#count = db.prepare<{ n: number }, [string, string, number]>(
      `SELECT COUNT(*) AS n FROM (
         SELECT MAX(id) AS id, deleted FROM kv WHERE key >= ?1 AND key < ?2 AND id <= ?3 GROUP BY key
       ) WHERE deleted = 0`,
    );
    this.#history = db.prepare<HistoryColumns, [number, number, string, string, number]>(
      `SELECT ${rowColumns("c")}, ${rowColumns("p", "p_")}
       FROM kv AS c LEFT JOIN kv AS p ON p.id = c.prev_revision
       WHERE c.id > ?1 AND c.id <= ?2 AND c.key >= ?3 AND c.key < ?4
       ORDER BY c.id LIMIT ?5`,
    );
    this.#head = db.prepare<{ id: number }, []>("SELECT COALESCE(MAX(id), 0) AS id FROM kv");
  }

  head(): number {
    return this.#head.get()!.id;
  }

  get(key: string, revision: number): KeyValue | undefined {
    const row = this.#get.get(key, revision);
    if (!row || row.deleted) return undefined;
    return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.modRevision };
  }

  list(prefix: string, query: PageQuery): { kvs: KeyValue[]; more: boolean } {
    const lo = lowerKey(prefix, query.startAfter);
    const kvs = this.#list.all(lo, prefixEnd(prefix), query.revision, query.limit > 0 ? query.limit + 1 : -1);
    const more = query.limit > 0 && kvs.length > query.limit;
    if (more) kvs.pop();
    return { kvs, more };
  }

  count(prefix: string, revision: number, startAfter: string): number {
    return this.#count.get(lowerKey(prefix, startAfter), prefixEnd(prefix), revision)!.n;
  }

  history(prefix: string, after: number, until: number, limit: number): WatchEvent[] {
    return this.#history.all(after, until, prefix, prefixEnd(prefix), limit).map((c) => {
      const prev = c.p_id === null ? undefined : toRow({
        id: c.p_id,
        key: c.p_key!,
        created: c.p_created!,
        deleted: c.p_deleted!,
        createRevision: c.p_createRevision!,
        prevRevision: c.p_prevRevision!,
        value: c.p_value!,
      });
      return eventOf(toRow(c), prev);
    });
  }
}
