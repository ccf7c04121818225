// Simulated nodes (kwok/kubemark style): N node agents in one process, each with the simulated
// runtime, registering a Node, renewing its Lease and running its pods on timers. They share the
// process's connection pool; with sharedWatch they also share one pod and one node informer.
import type { Client } from "../shared/client/index.ts";
import { Informer, type Clock } from "../shared/controller/index.ts";
import { createLogger, type Logger } from "../shared/log.ts";
import { nodePodView, type PodObject } from "./kubelet/index.ts";
import { createIpam, formatIPv4, parseCIDR } from "./network/ipam.ts";
import { NodeAgent } from "./node-agent.ts";
import { hostFacts, type NodeConfig, type NodeObject } from "./node/index.ts";
import { NODES, PODS } from "./resources.ts";
import { SIM_RUNTIME_VERSION, SimRuntime } from "./runtime/sim/index.ts";
import { filteredView } from "./source.ts";

export const SIM_ANNOTATION = "kubun.io/simulated";

export const DEFAULT_SIM_CAPACITY: Readonly<Record<string, string>> = { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" };

export interface SimNodesOptions {
  /** The API as each node: its own joined credential, or one shared (admin) client. */
  client: Client | ((nodeName: string, index: number) => Client | Promise<Client>);
  count: number;
  /** Nodes are named <prefix>-<index> (default "sim"). */
  namePrefix?: string;
  /** Index of the first node (default 0), so a second sim process can add nodes after the first. */
  firstIndex?: number;
  /** Create → Running (default 200 ms, ± jitter). */
  startupDelayMs?: number;
  /** Start-delay jitter as a fraction (default 0.5). */
  jitter?: number;
  /** How long run-to-completion pods run (default 1 s). */
  completionMs?: number;
  capacity?: Record<string, string>;
  /** Node i gets the i-th /24 of this range as its pod CIDR unless the Node already has one (default 10.42.0.0/16). */
  clusterCIDR?: string;
  /** The node's InternalIP (default 172.30.x.y by index; simulated nodes are not reachable). */
  nodeIP?: (index: number) => string;
  /** One pod and one node informer for all nodes, through the first node's client (it must see all pods and nodes). */
  sharedWatch?: boolean;
  lease?: { durationSeconds?: number; renewIntervalMs?: number };
  reportFrequencyMs?: number;
  clock?: Clock;
  random?: () => number;
  log?: Logger;
}

export interface SimNodes {
  readonly nodes: NodeAgent[];
  /** Resolves once every node is registered and running. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/** The i-th /24 of a range such as 10.42.0.0/16, wrapping around when the range runs out. */
export function nodePodCIDR(clusterCIDR: string, index: number): string {
  const { base, bits } = parseCIDR(clusterCIDR);
  const subnets = 2 ** Math.max(0, 24 - bits);
  return `${formatIPv4(base + (index % subnets) * 256)}/24`;
}

const defaultNodeIP = (i: number) => formatIPv4(((172 << 24) >>> 0) + (30 << 16) + ((i + 1) % 65_536));

function hexDigest(text: string): string {
  return new Bun.CryptoHasher("sha256").update(text).digest("hex");
}

export function simNodeConfig(name: string, index: number, opts: Pick<SimNodesOptions, "capacity" | "clusterCIDR" | "nodeIP">): NodeConfig {
  const host = hostFacts();
  const id = hexDigest(name);
  return {
    name,
    internalIP: (opts.nodeIP ?? defaultNodeIP)(index),
    annotations: { [SIM_ANNOTATION]: "true" },
    podCIDR: nodePodCIDR(opts.clusterCIDR ?? "10.42.0.0/16", index),
    capacity: { ...(opts.capacity ?? DEFAULT_SIM_CAPACITY) },
    nodeInfo: {
      architecture: host.architecture,
      kernelVersion: host.kernelVersion,
      osImage: host.osImage,
      machineID: id.slice(0, 32),
      systemUUID: `${id.slice(32, 40)}-${id.slice(40, 44)}-${id.slice(44, 48)}-${id.slice(48, 52)}-${id.slice(52, 64)}`,
      bootID: crypto.randomUUID(),
      containerRuntimeVersion: `sim://${SIM_RUNTIME_VERSION}`,
    },
  };
}

export async function startSimNodes(opts: SimNodesOptions): Promise<SimNodes> {
  const log = opts.log ?? createLogger("error", {}, () => true);
  const prefix = opts.namePrefix ?? "sim";
  const first = opts.firstIndex ?? 0;
  const names = Array.from({ length: opts.count }, (_, i) => `${prefix}-${first + i}`);
  const clients = await Promise.all(names.map((name, i) => (typeof opts.client === "function" ? opts.client(name, first + i) : opts.client)));
  const shared: Informer<PodObject | NodeObject>[] = [];
  let podsInformer: Informer<PodObject> | undefined;
  let nodesInformer: Informer<NodeObject> | undefined;
  if (opts.sharedWatch && clients.length) {
    podsInformer = new Informer<PodObject>(clients[0]!, PODS, { clock: opts.clock, log }).start();
    nodesInformer = new Informer<NodeObject>(clients[0]!, NODES, { clock: opts.clock, log }).start();
    shared.push(podsInformer, nodesInformer);
  }
  const nodes = names.map((name, i) => {
    const index = first + i;
    return new NodeAgent({
      client: clients[i]!,
      config: simNodeConfig(name, index, opts),
      runtime: (node) =>
        new SimRuntime({
          clock: opts.clock,
          random: opts.random,
          ipam: createIpam(node.spec?.podCIDR ?? nodePodCIDR(opts.clusterCIDR ?? "10.42.0.0/16", index)),
          startupDelayMs: opts.startupDelayMs,
          jitter: opts.jitter,
          completionMs: opts.completionMs,
        }),
      pods: podsInformer && nodePodView(podsInformer, name),
      nodes: nodesInformer && filteredView(nodesInformer, (n) => n.metadata.name === name),
      lease: opts.lease,
      reportFrequencyMs: opts.reportFrequencyMs,
      kubeletWorkers: 2,
      clock: opts.clock,
      log,
    });
  });
  const ready = Promise.all(nodes.map((n) => n.ready)).then(() => log("simulated nodes running", { count: nodes.length, first: names[0], last: names.at(-1) }));
  ready.catch(() => {});
  return {
    nodes,
    ready,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await Promise.all(shared.map((inf) => inf.stop()));
    },
  };
}
