import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backendCases, type OpenedBackend } from "../backend.case.ts";
import type { Backend } from "../types.ts";
import { openSqliteBackend, type SqliteOptions } from "./index.ts";

/** A store in a fresh temp dir; disposing closes it and removes the dir. */
export function openTempSqlite(options: SqliteOptions = {}): OpenedBackend & { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "kubun-store-"));
  const path = join(dir, "state.db");
  const open = () => openSqliteBackend(path, { onWatcherDropped: () => {}, ...options });
  const opened = {
    dir,
    path,
    backend: open() as Backend,
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

// Small replay and compaction steps so the suite crosses step boundaries.
backendCases("sqlite", async () => openTempSqlite({ replayPage: 100, compaction: { chunkRows: 3 } }));
