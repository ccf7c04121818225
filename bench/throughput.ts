// Durable write throughput through the API: N clients POST new ConfigMaps back to back for a
// fixed time; a create counts once its 201 arrived (the server answers after the fsync).
import { cpuSince, cpuSnapshot } from "./cpu.ts";
import { runConcurrent } from "./load.ts";
import type { BenchServer } from "./server.ts";
import { summarize, type Summary } from "./stats.ts";

export interface ThroughputResult {
  clients: number;
  seconds: number;
  writesPerSecond: number;
  ok: number;
  errors: number;
  firstError?: string;
  latency: Summary;
  /** CPU the server, this bench process and the whole machine used during the run, in CPUs (1 = one core busy). */
  serverCpus: number;
  clientCpus: number;
  machineCpus: number;
}

export async function measureWrites(server: BenchServer, o: { clients: number; seconds: number; namespace: string; data: Record<string, string> }): Promise<ThroughputResult> {
  await server.client.createNamespace(o.namespace);
  const cpu0 = server.cpuSeconds();
  const machine0 = cpuSnapshot();
  const r = await runConcurrent({
    concurrency: o.clients,
    durationMs: o.seconds * 1000,
    op: async (w, seq) => void (await server.client.createConfigMap(o.namespace, `w${w}-${seq}`, o.data)),
  });
  const elapsed = r.elapsedMs / 1000;
  const use = cpuSince(machine0);
  return {
    clients: o.clients,
    seconds: o.seconds,
    writesPerSecond: r.perSecond,
    ok: r.ok,
    errors: r.errors,
    firstError: r.firstError,
    latency: summarize(r.latencies),
    serverCpus: (server.cpuSeconds() - cpu0) / elapsed,
    clientCpus: use.bench,
    machineCpus: use.machine,
  };
}
