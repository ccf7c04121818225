// The SQLite driver: a single-file store on bun:sqlite in WAL mode, with group commit.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { LogBackend, type LogBackendOptions } from "../log/backend.ts";
import type { CompactOptions } from "./compact.ts";
import { SqliteEngine } from "./engine.ts";

export interface SqliteOptions extends LogBackendOptions {
  compaction?: CompactOptions;
}

/** Opens (creating the file and its directory if needed) the store at path. */
export function openSqliteBackend(path: string, options: SqliteOptions = {}): LogBackend {
  mkdirSync(dirname(path), { recursive: true });
  return new LogBackend(new SqliteEngine(path, options.compaction), options);
}
