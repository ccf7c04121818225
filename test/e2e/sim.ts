// Simulated nodes for end-to-end tests: `kubun sim` joined to a cluster with its join token.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, type Cluster } from "./harness.ts";

export interface SimNodes {
  logs(): string;
  stop(): Promise<void>;
}

export function startSim(c: Cluster, opts: { nodes: number; prefix?: string; extra?: string[] }): SimNodes {
  const dir = mkdtempSync(join(tmpdir(), "kubun-sim-"));
  const token = readFileSync(join(c.dir, "data/server/token"), "utf8").trim();
  let output = "";
  const proc = Bun.spawn(
    [BINARY, "sim", "--server", c.url, "--token", token, "--nodes", String(opts.nodes), "--node-name-prefix", opts.prefix ?? "sim", "--data-dir", dir, ...(opts.extra ?? [])],
    { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: dir } },
  );
  const collect = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s as unknown as AsyncIterable<Uint8Array>) output += new TextDecoder().decode(chunk);
  };
  collect(proc.stdout);
  collect(proc.stderr);
  return {
    logs: () => output,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
