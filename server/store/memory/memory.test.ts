import { backendCases } from "../backend.case.ts";
import { volatileCases } from "../volatile.case.ts";
import { openMemoryBackend } from "./index.ts";

backendCases("memory", async () => {
  const backend = openMemoryBackend({ onWatcherDropped: () => {} });
  return { backend, [Symbol.asyncDispose]: () => backend.close() };
});

volatileCases("memory", async () => {
  const backend = openMemoryBackend({ onWatcherDropped: () => {} });
  return { backend, [Symbol.asyncDispose]: () => backend.close() };
});
