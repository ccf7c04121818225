// The in-memory driver: for unit tests of other modules. Same contract as the SQLite driver
// (it shares the log machinery), no persistence.
import { LogBackend, type LogBackendOptions } from "../log/backend.ts";
import { MemoryEngine } from "./engine.ts";

export function openMemoryBackend(options: LogBackendOptions = {}): LogBackend {
  return new LogBackend(new MemoryEngine(), options);
}
