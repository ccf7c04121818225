// The store entry point: pick a driver by DSN, kine style.
//   sqlite:///var/lib/kubun/state.db   (sqlite://relative/path.db is relative to the cwd)
//   sqlite:///var/lib/kubun/state.db?maxBatch=1   (one transaction and fsync per write)
//   sqlite:///var/lib/kubun/state.db?volatileFlushSeconds=60   (store lease renewals every minute)
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

/** The sqlite DSN's query parameters and their smallest values. */
const SQLITE_PARAMS = { maxBatch: 1, volatileFlushSeconds: 0 } as const;
const MAX_FLUSH_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** The sqlite DSN's query string: `maxBatch` (≥ 1), `volatileFlushSeconds` (≥ 0, 0 = only at close). */
function sqliteQuery(query: string, dsn: string): SqliteOptions {
  const options: SqliteOptions = {};
  const known = Object.keys(SQLITE_PARAMS).join(", ");
  for (const [name, value] of new URLSearchParams(query)) {
    if (!Object.hasOwn(SQLITE_PARAMS, name)) throw new Error(`store DSN ${JSON.stringify(dsn)}: unknown parameter ${JSON.stringify(name)} (known: ${known})`);
    const min = SQLITE_PARAMS[name as keyof typeof SQLITE_PARAMS];
    const n = Number(value);
    if (value === "" || !Number.isInteger(n) || n < min) {
      throw new Error(`store DSN ${JSON.stringify(dsn)}: ${name} must be ${min ? "a positive" : "a non-negative"} integer, got ${JSON.stringify(value)}`);
    }
    // A timer longer than 2^31-1 ms fires after 1 ms instead: every renewal would be stored.
    if (name === "volatileFlushSeconds" && n > MAX_FLUSH_SECONDS) {
      throw new Error(`store DSN ${JSON.stringify(dsn)}: volatileFlushSeconds must be at most ${MAX_FLUSH_SECONDS} (a timer's limit), got ${JSON.stringify(value)}`);
    }
    if (name === "maxBatch") options.maxBatch = n;
    else options.volatileFlushMs = n * 1000;
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
