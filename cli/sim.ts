// `kubun sim --server URL --token T --nodes N`: N simulated nodes in one process. Each joins like
// an agent (token → pinned CA → its own node credential, kept under <data-dir>/sim/<node>), then
// registers its Node, renews its Lease and runs its pods on the simulated runtime until
// SIGINT/SIGTERM.
import { join } from "node:path";
import { joinCluster } from "../agent/join/index.ts";
import { parseDuration } from "../agent/runtime/sim/index.ts";
import { startSimNodes } from "../agent/sim.ts";
import type { Client } from "../shared/client/index.ts";
import type { SimConfig } from "../shared/config/types.ts";
import { createLogger, type Logger } from "../shared/log.ts";

export interface SimDeps {
  /** How a node reaches the API (default: join with the token). */
  connect?(nodeName: string, index: number): Promise<Client>;
  /** Stops the nodes when aborted (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  log?: Logger;
}

/** Join at most `limit` nodes at a time: each join makes a key pair and a CSR. */
function limited<A extends unknown[], R>(limit: number, fn: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (...a) => {
    while (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn(...a);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function joiner(config: SimConfig, log: Logger) {
  return limited(16, async (nodeName: string) => {
    // One line per joining node is fine for a few nodes; past that only failures are told.
    const quiet = config.nodes > 10 ? createLogger("warn") : log;
    const creds = await joinCluster({ server: config.server, token: config.token, dataDir: join(config.dataDir, "sim", nodeName), nodeName, log: quiet });
    return creds.client({ userAgent: `kubun-sim/${nodeName}` });
  });
}

function stopSignal(): AbortSignal {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return ac.signal;
}

export async function runSim(config: SimConfig, deps: SimDeps = {}): Promise<void> {
  const log = deps.log ?? createLogger(config.logLevel);
  if (!Number.isInteger(config.nodes) || config.nodes < 1) throw new Error(`--nodes must be a positive integer, got ${config.nodes}`);
  const duration = (flag: string, v: string) => {
    try {
      return parseDuration(v);
    } catch (e) {
      throw new Error(`--${flag}: ${(e as Error).message}`);
    }
  };
  const startupDelayMs = duration("sim-startup-delay", config.simStartupDelay);
  const completionMs = duration("sim-completion", config.simCompletion);
  const signal = deps.signal ?? stopSignal();
  const started = performance.now();
  const sim = await startSimNodes({
    client: deps.connect ?? joiner(config, log),
    count: config.nodes,
    namePrefix: config.nodeNamePrefix,
    startupDelayMs,
    completionMs,
    sharedWatch: config.simSharedWatch,
    log,
  });
  const stopped = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
  await Promise.race([sim.ready, stopped]);
  if (!signal.aborted) log("simulated nodes ready", { nodes: config.nodes, ms: Math.round(performance.now() - started) });
  await stopped;
  log("stopping simulated nodes");
  await sim.stop();
}
