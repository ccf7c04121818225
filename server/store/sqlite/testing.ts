// Test helper: a SQLite store in a fresh temp dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenedBackend } from "../backend.case.ts";
import type { Backend } from "../types.ts";
import { openSqliteBackend, type SqliteOptions } from "./index.ts";

export interface TempSqlite extends OpenedBackend {
  dir: string;
  path: string;
  reopen(): Promise<Backend>;
}

/** A store in a fresh temp dir; disposing closes it and removes the dir. */
export function openTempSqlite(options: SqliteOptions = {}): TempSqlite {
  const dir = mkdtempSync(join(tmpdir(), "kubun-store-"));
  const path = join(dir, "state.db");
  const open = () => openSqliteBackend(path, { onWatcherDropped: () => {}, ...options });
  const opened: TempSqlite = {
    dir,
    path,
    backend: open(),
    async reopen() {
      await opened.backend.close();
      opened.backend = open();
      return opened.backend;
    },
    async [Symbol.asyncDispose]() {
      await opened.backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return opened;
}
