// The store entry point: pick a driver by DSN, kine style.
//   sqlite:///var/lib/kubun/state.db   (sqlite://relative/path.db is relative to the cwd)
//   memory://
import { openMemoryBackend } from "./memory/index.ts";
import { openSqliteBackend } from "./sqlite/index.ts";
import type { Backend } from "./types.ts";

export * from "./types.ts";
export { openMemoryBackend } from "./memory/index.ts";
export { openSqliteBackend, type SqliteOptions } from "./sqlite/index.ts";
export { startCompactor, type Compactable, type Compactor, type CompactorOptions } from "./compactor.ts";

type Driver = (rest: string, dsn: string) => Promise<Backend>;

const drivers: Record<string, Driver> = {
  sqlite: async (rest, dsn) => {
    const path = rest.split("?")[0]!;
    if (path === "") throw new Error(`store DSN ${JSON.stringify(dsn)} has no file path (want sqlite:///path/to/state.db)`);
    return openSqliteBackend(decodeURIComponent(path));
  },
  memory: async () => openMemoryBackend(),
  postgres: async () => {
    throw new Error("store driver postgres:// is not implemented yet");
  },
};

export async function openBackend(dsn: string): Promise<Backend> {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(dsn);
  const driver = match && drivers[match[1]!.toLowerCase()];
  if (!driver) {
    const known = Object.keys(drivers).map((s) => `${s}://`).join(", ");
    throw new Error(`unsupported store DSN ${JSON.stringify(dsn)}: scheme must be one of ${known}`);
  }
  return driver(match[2]!, dsn);
}
