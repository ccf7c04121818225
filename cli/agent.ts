// `kubun agent --server URL --token T`: join the cluster and run this machine's pods with runc
// until SIGINT/SIGTERM (agent/agent.ts). Containers keep running when the agent stops; the next
// start adopts them.
import type { AgentConfig } from "../shared/config/types.ts";
import { createLogger, type Logger } from "../shared/log.ts";
import { toBytes } from "../shared/quantity/index.ts";
import { startAgent, type AgentOptions, type RunningAgent } from "../agent/agent.ts";
import { parseDuration } from "../agent/runtime/sim/index.ts";

/** The agent's options from a parsed configuration (the server's local agent uses it too). */
export function agentOptions(config: Omit<AgentConfig, "configFile" | "logLevel">, log: Logger): AgentOptions {
  return {
    server: config.server,
    token: config.token,
    dataDir: config.dataDir,
    nodeName: config.nodeName,
    nodeIp: config.nodeIp,
    labels: config.nodeLabel,
    taints: config.nodeTaint,
    registryConfig: config.registryConfig,
    clusterCidr: config.clusterCidr,
    clusterDns: config.clusterDns,
    clusterDomain: config.clusterDomain,
    containerLog: { maxBytes: Number(toBytes(config.containerLogMaxSize)), maxFiles: config.containerLogMaxFiles },
    backoff: backoffOf(config.containerBackoffMax),
    volumeRefreshMs: parseDuration(config.syncFrequency),
    log,
  };
}

/** Upstream's 10 s doubling to the cap; a cap under 10 s is every delay (kubelet's maxContainerRestartPeriod). */
function backoffOf(max: string): { initialMs: number; maxMs: number } {
  const maxMs = parseDuration(max);
  return { initialMs: Math.min(10_000, maxMs), maxMs };
}

/** Start an agent; failures become plain errors that say which step failed. */
export async function startAgentFor(opts: AgentOptions): Promise<RunningAgent> {
  try {
    return await startAgent(opts);
  } catch (e) {
    throw new Error(`the agent of node ${opts.nodeName} could not start: ${(e as Error).message}`);
  }
}

export async function runAgent(config: AgentConfig): Promise<void> {
  const log = createLogger(config.logLevel);
  const started = performance.now();
  const agent = await startAgentFor(agentOptions(config, log));
  await agent.ready;
  log("kubun agent ready", { node: agent.nodeName, podCIDR: agent.podCIDR, ms: Math.round(performance.now() - started) });
  await new Promise<void>((resolve) => {
    const stop = async () => {
      log("shutting down");
      await agent.stop();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
