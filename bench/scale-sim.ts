// `kubun sim` for the scale bench: N simulated nodes joined with the server's token, its CPU and
// RSS read from /proc (it shares the machine with the server), and a wait for N Ready nodes.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Node } from "kubernetes-types/core/v1";
import type { ApiClient } from "./client.ts";
import { cpuSeconds, procField, type BenchServer } from "./server.ts";

export interface SimProcess {
  pid: number;
  cpuSeconds(): number;
  rssBytes(): number;
  logs(): string;
  stop(): Promise<void>;
}

export function spawnSim(options: { binary: string; server: BenchServer; url: string; dataDir: string; nodes: number; prefix: string; sharedWatch: boolean }): SimProcess {
  mkdirSync(options.dataDir, { recursive: true });
  const token = readFileSync(join(options.server.dataDir, "server/token"), "utf8").trim();
  const args = [options.binary, "sim", "--server", options.url, "--token", token, "--nodes", String(options.nodes), "--node-name-prefix", options.prefix, "--data-dir", options.dataDir];
  if (options.sharedWatch) args.push("--sim-shared-watch");
  const proc = Bun.spawn(args, { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: options.dataDir } });
  let output = "";
  const drain = async (s: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder();
    for await (const c of s as unknown as AsyncIterable<Uint8Array>) output = (output + dec.decode(c, { stream: true })).slice(-65_536);
  };
  void drain(proc.stdout);
  void drain(proc.stderr);
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  let lastCpu = 0;
  return {
    pid: proc.pid,
    cpuSeconds: () => (alive() ? (lastCpu = cpuSeconds(proc.pid)) : lastCpu),
    rssBytes: () => (alive() ? procField(`/proc/${proc.pid}/status`, "VmRSS") * 1024 : 0),
    logs: () => output,
    async stop() {
      if (!alive()) return;
      lastCpu = cpuSeconds(proc.pid);
      proc.kill("SIGTERM");
      const killed = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      await proc.exited;
      clearTimeout(killed);
    },
  };
}

/** Polls the node list until `count` nodes with the prefix are Ready; throws after `timeoutMs`. */
export async function waitNodesReady(client: ApiClient, options: { count: number; prefix: string; timeoutMs: number; sim: SimProcess }): Promise<number> {
  const t0 = performance.now();
  let ready = 0;
  while (performance.now() - t0 < options.timeoutMs) {
    const list = await client.json<{ items: Node[] }>("GET", "/api/v1/nodes");
    ready = list.items.filter((n) => n.metadata?.name?.startsWith(`${options.prefix}-`) && n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
    if (ready >= options.count) return performance.now() - t0;
    if (options.sim.rssBytes() === 0) throw new Error(`kubun sim exited with ${ready} of ${options.count} nodes Ready:\n${options.sim.logs().slice(-2_000)}`);
    await Bun.sleep(1_000);
  }
  throw new Error(`${ready} of ${options.count} nodes Ready after ${options.timeoutMs / 1000} s:\n${options.sim.logs().slice(-2_000)}`);
}
