// The store entry point: pick a driver by DSN, kine style.
//   sqlite:///var/lib/kubun/state.db   (sqlite://relative/path.db is relative to the cwd)
//   sqlite:///var/lib/kubun/state.db?maxBatch=1   (one transaction and fsync per write)
//   memory://
import { openMemoryBackend } from "./memory/index.ts";
import { openSqliteBackend, type SqliteOptions } from "./sqlite/index.ts";
import type { Backend } from "./types.ts";

export * from "./types.ts";
export { openMemoryBackend } from "./memory/index.ts";
export { openSqliteBackend, type SqliteOptions } from "./sqlite/index.ts";
export { startCompactor, type Compactable, type Compactor, type CompactorOptions } from "./compactor.ts";

type Driver = (rest: string, dsn: string) => Promise<Backend>;

const drivers: Record<string, Driver> = {
  sqlite: async (rest, dsn) => {
    const [path = "", query = ""] = rest.split("?", 2);
    if (path === "") throw new Error(`store DSN ${JSON.stringify(dsn)} has no file path (want sqlite:///path/to/state.db)`);
    return openSqliteBackend(decodeURIComponent(path), sqliteQuery(query, dsn));
  },
  memory: async () => openMemoryBackend(),
  postgres: async () => {
    throw new Error("store driver postgres:// is not implemented yet");
  },
};

/** The sqlite DSN's query string: only `maxBatch` (a positive integer) is known. */
function sqliteQuery(query: string, dsn: string): SqliteOptions {
  const options: SqliteOptions = {};
  for (const [name, value] of new URLSearchParams(query)) {
    if (name !== "maxBatch") throw new Error(`store DSN ${JSON.stringify(dsn)}: unknown parameter ${JSON.stringify(name)} (known: maxBatch)`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`store DSN ${JSON.stringify(dsn)}: maxBatch must be a positive integer, got ${JSON.stringify(value)}`);
    options.maxBatch = n;
  }
  return options;
}

export async function openBackend(dsn: string): Promise<Backend> {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(dsn);
  const driver = match && drivers[match[1]!.toLowerCase()];
  if (!driver) {
    const known = Object.keys(drivers).map((s) => `${s}://`).join(", ");
    throw new Error(`unsupported store DSN ${JSON.stringify(dsn)}: scheme must be one of ${known}`);
  }
  return driver(match[2]!, dsn);
}
