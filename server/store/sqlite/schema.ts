// Opening the database file: pragmas and schema. The log table is kine's: one row per write,
// id = the revision it produced.
import { Database } from "bun:sqlite";

const SCHEMA_VERSION = 1;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE kv (
      id INTEGER PRIMARY KEY,          -- the revision this write produced
      key TEXT NOT NULL,
      created INTEGER NOT NULL,        -- 1: this row (re)created the key
      deleted INTEGER NOT NULL,        -- 1: delete tombstone, value = the deleted value
      create_revision INTEGER NOT NULL,
      prev_revision INTEGER NOT NULL,  -- the key's previous row, 0 if none
      value TEXT NOT NULL
    );
    CREATE INDEX kv_key_id_deleted ON kv (key, id, deleted); -- covers per-key newest-row lookups and counts
    CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  `,
};

/**
 * Opens (creating if needed) the store file.
 *
 * Durability: WAL with synchronous=NORMAL makes SQLite skip the fsync on commit (it still
 * syncs around checkpoints, which keeps the file consistent). The store then fsyncs the WAL
 * itself, asynchronously, once per batch, and acknowledges the batch only after that returns
 * (see durability.ts). So an acknowledged write is on disk, as with synchronous=FULL, but the
 * event loop keeps serving reads during the sync and the next batch gathers meanwhile.
 *
 * locking_mode=EXCLUSIVE, set before WAL: one process owns the file (a second server on the
 * same file fails at open instead of corrupting it), and the WAL index lives in heap memory,
 * so there is no -shm file for reads to dirty: an idle store writes nothing.
 */
export function openDatabase(path: string): Database {
  const db = new Database(path, { create: true, strict: true });
  try {
    db.run("PRAGMA locking_mode = EXCLUSIVE");
    const { journal_mode } = db.query<{ journal_mode: string }, []>("PRAGMA journal_mode = WAL").get()!;
    if (journal_mode !== "wal") throw new Error(`could not switch ${path} to WAL mode (got ${journal_mode})`);
    db.run("PRAGMA synchronous = NORMAL");
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    if (String(err).includes("database is locked")) {
      throw new Error(`store file ${path} is in use by another process`, { cause: err });
    }
    throw err;
  }
}

function migrate(db: Database, path: string): void {
  const { user_version } = db.query<{ user_version: number }, []>("PRAGMA user_version").get()!;
  if (user_version > SCHEMA_VERSION) {
    throw new Error(`store file ${path} has schema version ${user_version}, newer than this kubun (${SCHEMA_VERSION})`);
  }
  if (user_version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = user_version + 1; v <= SCHEMA_VERSION; v++) {
      db.run(MIGRATIONS[v]!);
      db.run(`PRAGMA user_version = ${v}`);
    }
  })();
}

/** Reads and writes the meta table (named integers). */
export class Meta {
  readonly #get;
  readonly #set;

  constructor(db: Database) {
    this.#get = db.prepare<{ value: number }, [string]>("SELECT value FROM meta WHERE name = ?");
    this.#set = db.prepare<void, [string, number]>(
      "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    );
  }

  get(name: string): number | undefined {
    return this.#get.get(name)?.value;
  }

  set(name: string, value: number): void {
    this.#set.run(name, value);
  }
}
