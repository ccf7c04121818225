// Durable write throughput of the SQLite driver: group commit vs one transaction (and one
// fsync) per write, same number of concurrent writers. Not a test; the benchmark imports
// measureThroughput, and `bun server/store/sqlite/throughput.ts [--seconds 3] [--writers 64]
// [--value-bytes 1024] [--json]` prints the numbers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openSqliteBackend } from "./index.ts";

export interface ThroughputOptions {
  seconds: number;
  /** Concurrent writers, each updating its own key in a CAS loop. */
  writers: number;
  valueBytes: number;
  /** 1 = one transaction and one fsync per write. */
  maxBatch?: number;
}

export interface ThroughputResult {
  writesPerSecond: number;
  writes: number;
  commits: number;
  meanBatch: number;
}

export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const dir = mkdtempSync(join(tmpdir(), "kubun-throughput-"));
  const backend = openSqliteBackend(join(dir, "state.db"), { maxBatch: options.maxBatch });
  try {
    const value = JSON.stringify({ spec: "x".repeat(Math.max(0, options.valueBytes - 12)) });
    const deadline = performance.now() + options.seconds * 1000;
    const start = performance.now();
    let writes = 0;
    const writer = async (w: number) => {
      const key = `/registry/bench/w${w}`;
      let result = await backend.create(key, value);
      writes += 1;
      while (performance.now() < deadline) {
        if (!result.ok) throw new Error(`unexpected CAS miss on ${key}`);
        result = await backend.update(key, value, result.kv.modRevision);
        writes += 1;
      }
    };
    const before = backend.stats();
    await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
    const elapsed = (performance.now() - start) / 1000;
    const commits = backend.stats().commits - before.commits;
    return { writesPerSecond: Math.round(writes / elapsed), writes, commits, meanBatch: +(writes / commits).toFixed(1) };
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "3" },
      writers: { type: "string", default: "64" },
      "value-bytes": { type: "string", default: "1024" },
      json: { type: "boolean", default: false },
    },
  });
  const base = { seconds: Number(values.seconds), writers: Number(values.writers), valueBytes: Number(values["value-bytes"]) };
  const group = await measureThroughput(base);
  const single = await measureThroughput({ ...base, maxBatch: 1 });
  if (values.json) {
    console.log(JSON.stringify({ ...base, groupCommit: group, transactionPerWrite: single }));
  } else {
    const line = (name: string, r: ThroughputResult) =>
      `${name.padEnd(24)} ${String(r.writesPerSecond).padStart(7)} writes/s  (${r.writes} writes, ${r.commits} commits, ${r.meanBatch} writes/commit)`;
    console.log(`${base.writers} writers, ${base.valueBytes}-byte values, ${base.seconds}s each, durable (fdatasync per commit)`);
    console.log(line("group commit", group));
    console.log(line("transaction per write", single));
  }
}
