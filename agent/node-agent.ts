// One node's agent: register the Node, then run the runtime, the kubelet's pod sync and the
// lease heartbeat. The same code runs a real agent (runc) and each simulated node; credentials
// arrive as a ready Client (from agent/join, or an admin client in tests).
import type { Client } from "../shared/client/index.ts";
import { realClock, type Clock } from "../shared/controller/index.ts";
import { createLogger, type Logger } from "../shared/log.ts";
import { Kubelet, type PodSource } from "./kubelet/index.ts";
import { LeaseRenewer, NodeRegistration, type NodeConfig, type NodeHealth, type NodeObject } from "./node/index.ts";
import type { PodRuntime } from "./runtime/types.ts";
import type { ObjectSource } from "./source.ts";

export interface NodeAgentOptions {
  client: Client;
  config: NodeConfig;
  /** The runtime, or how to make it once the Node (and so its pod CIDR) is known. */
  runtime: PodRuntime | ((node: NodeObject) => PodRuntime);
  health?: () => NodeHealth;
  /** Views of informers shared by many simulated nodes; default: informers of this node's own. */
  pods?: PodSource;
  nodes?: ObjectSource<NodeObject>;
  lease?: { durationSeconds?: number; renewIntervalMs?: number };
  reportFrequencyMs?: number;
  kubeletWorkers?: number;
  clock?: Clock;
  log?: Logger;
}

export class NodeAgent {
  readonly name: string;
  readonly registration: NodeRegistration;
  /** Resolves once the Node is registered and the kubelet and the lease run. */
  readonly ready: Promise<void>;
  runtime: PodRuntime | undefined;
  kubelet: Kubelet | undefined;
  lease: LeaseRenewer | undefined;
  private stopped = false;

  constructor(private readonly opts: NodeAgentOptions) {
    this.name = opts.config.name;
    const clock = opts.clock ?? realClock;
    const log = (opts.log ?? createLogger("error", {}, () => true)).with({ node: this.name });
    this.registration = new NodeRegistration({ client: opts.client, config: opts.config, nodes: opts.nodes, health: opts.health, clock, log, reportFrequencyMs: opts.reportFrequencyMs });
    this.ready = this.run(clock, log);
    this.ready.catch(() => {});
  }

  private async run(clock: Clock, log: Logger) {
    this.registration.start();
    const node = await this.registration.registered();
    if (this.stopped) return;
    const o = this.opts;
    this.runtime = typeof o.runtime === "function" ? o.runtime(node) : o.runtime;
    this.lease = new LeaseRenewer({ client: o.client, nodeName: this.name, nodeUID: () => this.registration.node()?.metadata.uid, clock, log, ...o.lease }).start();
    this.kubelet = new Kubelet({ client: o.client, nodeName: this.name, runtime: this.runtime, hostIP: o.config.internalIP, pods: o.pods, clock, log, workers: o.kubeletWorkers }).start();
    log("node agent running", { runtime: `${this.runtime.name}://${this.runtime.version}`, podCIDR: node.spec?.podCIDR });
  }

  /** Stop heartbeats and syncing, then close the runtime (simulated pods end; runc's keep running). */
  async stop() {
    this.stopped = true;
    await Promise.all([this.registration.stop(), this.lease?.stop(), this.kubelet?.stop()]);
    await this.runtime?.close();
  }
}

export function startNodeAgent(opts: NodeAgentOptions): NodeAgent {
  return new NodeAgent(opts);
}
