import { backendCases } from "../backend.case.ts";
import { openMemoryBackend } from "./index.ts";

backendCases("memory", async () => {
  const backend = openMemoryBackend({ onWatcherDropped: () => {} });
  return { backend, [Symbol.asyncDispose]: () => backend.close() };
});
