// A real node: join, images (tarballs imported and watched, unused ones collected every 5 min),
// the pod network, the runc runtime, the node agent (registration, lease, kubelet) and the
// stream tunnel, in that order; stop() undoes them in reverse. `kubun agent` runs one, and
// `kubun server` runs one beside the control plane (its local agent), joining through loopback
// with the server's own token, as k3s does.
//
//   const agent = await startAgent({ server: "https://10.0.0.1:6443", token, dataDir: "/var/lib/kubun", nodeName: "n1", ... });
//   await agent.ready; … await agent.stop();
//
// Everything the agent keeps is under <dataDir>/agent/: its credential, images, pods, network
// addresses and runc's state. The cgroup parent is derived from the data dir too, so two agents
// with different data dirs (each in its own network namespace) never touch each other's.
import { join } from "node:path";
import type { Logger } from "../shared/log.ts";
import { apiObjects } from "./api-objects.ts";
import { hostNodeConfig } from "./host-node.ts";
import { imageGc } from "./image-gc.ts";
import { ImageService, loadRegistries } from "./images/index.ts";
import { joinCluster } from "./join/index.ts";
import { createBridgeNetwork } from "./network/index.ts";
import { startNodeAgent, type NodeAgent } from "./node-agent.ts";
import { podCIDRFor } from "./pod-cidr.ts";
import type { LogRotationOptions } from "./runtime/runc/log-rotation.ts";
import { RuncRuntime } from "./runtime/runc/runtime.ts";
import { RuncStreamProvider } from "./runtime/runc/streams.ts";
import { startTunnel, type TunnelClient } from "./tunnel/index.ts";

export const DEFAULT_DATA_DIR = "/var/lib/kubun";
export const DEFAULT_REGISTRY_CONFIG = "/etc/kubun/registries.yaml";

export interface AgentOptions {
  /** https://HOST:PORT of the API server. */
  server: string;
  /** The join token; not needed once a credential is stored under <dataDir>/agent. */
  token?: string;
  dataDir: string;
  nodeName: string;
  nodeIp?: string;
  /** --node-label KEY=VALUE. */
  labels?: readonly string[];
  /** --node-taint KEY[=VALUE]:EFFECT. */
  taints?: readonly string[];
  /** registries.yaml (default /etc/kubun/registries.yaml; missing = no mirrors). */
  registryConfig?: string;
  /** Pods' nameserver (--cluster-dns, first address). */
  clusterDns: string;
  clusterDomain: string;
  /** The range node pod CIDRs are cut from (--cluster-cidr). */
  clusterCidr: string;
  /** CrashLoopBackOff delays (tests shorten them). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Container log rotation (--container-log-max-size, --container-log-max-files). */
  containerLog?: LogRotationOptions;
  /** How often running pods' configMap/secret/projected volumes are refreshed (--sync-frequency). */
  volumeRefreshMs?: number;
  log: Logger;
}

export interface RunningAgent {
  readonly nodeName: string;
  readonly podCIDR: string;
  /** runc's --root for this agent's containers. */
  readonly runcRoot: string;
  readonly cgroupParent: string;
  readonly node: NodeAgent;
  readonly tunnel: TunnelClient;
  /** Resolves once the Node is registered and the kubelet runs. */
  readonly ready: Promise<void>;
  /** Stops syncing and the tunnel; containers keep running for the next agent to adopt. */
  stop(): Promise<void>;
}

/** "/kubun" for the default data dir, "/kubun-<hash of the dir>" for any other. */
export function cgroupParentFor(dataDir: string): string {
  if (dataDir.replace(/\/+$/, "") === DEFAULT_DATA_DIR) return "/kubun";
  return `/kubun-${new Bun.CryptoHasher("sha256").update(dataDir).digest("hex").slice(0, 10)}`;
}

export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  const log = o.log.with({ node: o.nodeName });
  const creds = await step(`joining ${o.server}`, () => joinCluster({ server: o.server, token: o.token, dataDir: o.dataDir, nodeName: o.nodeName, log }));
  const client = creds.client();
  const registries = await loadRegistries(o.registryConfig ?? DEFAULT_REGISTRY_CONFIG);
  const gc = imageGc({ log });
  const images = await step("opening the image store", () => ImageService.open({ dataDir: o.dataDir, registries, inUse: gc.inUse, log: log.with({ component: "images" }) }));
  try {
    await images.importTarballs();
    images.watchTarballs();
    const clusterCIDR = o.clusterCidr.split(",")[0]!.trim();
    const podCIDR = await podCIDRFor(client, o.nodeName, clusterCIDR);
    const network = createBridgeNetwork({ dataDir: o.dataDir, podCIDR, clusterCIDR, log: log.with({ component: "network" }) });
    await step(`setting up the pod network (bridge kubun0, ${podCIDR})`, () => network.start());
    const runcRoot = join(o.dataDir, "agent", "runc");
    const cgroupParent = cgroupParentFor(o.dataDir);
    const runtime = await step("starting the runc runtime", () => RuncRuntime.open({
      dataDir: o.dataDir,
      images,
      network,
      dns: { nameservers: [o.clusterDns.split(",")[0]!.trim()], clusterDomain: o.clusterDomain },
      runcRoot,
      cgroupParent,
      backoff: o.backoff,
      containerLog: o.containerLog,
      volumeRefreshMs: o.volumeRefreshMs,
      objects: apiObjects(client),
      log: log.with({ component: "runc" }),
    }));
    // Addresses and bridge ports no adopted pod owns (pods deleted while the agent was down).
    await network.gc((await runtime.listPods()).map((p) => p.uid));
    gc.start(images, runtime);
    const config = hostNodeConfig({ name: o.nodeName, nodeIp: o.nodeIp, labels: o.labels ?? [], taints: o.taints ?? [], podCIDR, dataDir: o.dataDir, runtimeVersion: `runc://${runtime.version}` });
    const node = startNodeAgent({ client, config, runtime, log });
    const provider = new RuncStreamProvider(runtime);
    const tunnel = startTunnel({ server: creds.server, token: () => creds.assertion(), ca: creds.serverCaPem, provider, log: log.with({ component: "tunnel" }) });
    return {
      nodeName: o.nodeName,
      podCIDR,
      runcRoot,
      cgroupParent,
      node,
      tunnel,
      ready: node.ready,
      async stop() {
        gc.stop();
        await tunnel.stop();
        await node.stop();
        images.close();
      },
    };
  } catch (e) {
    images.close();
    throw e;
  }
}

/** Runs one start-up step; its failure says which step it was. */
async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
  }
}
