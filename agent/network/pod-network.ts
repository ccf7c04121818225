// The pod network of a real node: the bridge, the masquerade rules, a veth and an address per pod,
// addresses kept on disk so a restarted agent neither loses nor doubles them. The runc runtime
// calls setup once the pod's network namespace exists and teardown when the pod is gone.
import { join } from "node:path";
import type { Logger } from "../../shared/log.ts";
import { ensureBridge, gatewayOf } from "./bridge.ts";
import { openFileIpam, type FileIpam } from "./file-ipam.ts";
import { ensureMasquerade } from "./masquerade.ts";
import { addPodLink, bridgePorts, hostVethName, removeLink, removePodLink } from "./veth.ts";

export interface PodNetwork {
  /** Gives the pod in netnsPath its eth0 and address; again for the same uid: the same address. */
  setup(podUid: string, netnsPath: string, opts: { podName: string; namespace: string }): Promise<{ ip: string; gateway: string }>;
  /** Removes the pod's link and frees its address; a pod never set up is fine. */
  teardown(podUid: string): Promise<void>;
}

export interface BridgeNetworkOptions {
  /** The agent's data dir; addresses are kept under <dataDir>/agent/network/ipam/. */
  dataDir: string;
  /** The node's pod CIDR (the Node's spec.podCIDR, see podCIDROf). */
  podCIDR: string;
  /** Destinations not masqueraded; default the pod CIDR (10.42.0.0/16 once nodes are joined by an overlay). */
  clusterCIDR?: string;
  /** Default kubun0. */
  bridge?: string;
  /** The node's network namespace (a path) when not the agent's own, as in tests. */
  netns?: string;
  mtu?: number;
  log?: Logger;
}

export interface BridgeNetwork extends PodNetwork {
  /** As PodNetwork's; without opts the logs and errors name the pod by uid. */
  setup(podUid: string, netnsPath: string, opts?: { podName: string; namespace: string }): Promise<{ ip: string; gateway: string }>;
  readonly podCIDR: string;
  readonly gateway: string;
  readonly bridge: string;
  readonly ipam: FileIpam;
  /** Ensures the bridge, forwarding and iptables rules; setup calls it first; safe to call again. */
  start(): Promise<void>;
  /** The address a pod holds (an adopted pod after a restart). */
  ipOf(podUid: string): string | undefined;
  /** Tears down every pod that holds an address, and removes every bridge port, not in `keep` (start-up clean-up); returns the uids torn down. */
  gc(keep: Iterable<string>): Promise<string[]>;
}

/** The pod CIDR from a Node object, else the fallback (the agent's --pod-cidr option). */
export function podCIDROf(node: { spec?: { podCIDR?: string } } | undefined, fallback?: string): string {
  const cidr = node?.spec?.podCIDR ?? fallback;
  if (!cidr) throw new Error("the Node has no spec.podCIDR and no pod CIDR was configured; the pod network needs one (such as 10.42.0.0/24)");
  return cidr;
}

export function createBridgeNetwork(opts: BridgeNetworkOptions): BridgeNetwork {
  const bridge = opts.bridge ?? "kubun0";
  const { podCIDR, netns } = opts;
  const { gateway, bits } = gatewayOf(podCIDR);
  const ipam = openFileIpam({ dir: join(opts.dataDir, "agent", "network", "ipam"), cidr: podCIDR });
  const log = opts.log ?? (() => {});
  let started: Promise<void> | undefined;

  const start = () => {
    started ??= (async () => {
      await ensureBridge({ name: bridge, podCIDR, netns });
      await ensureMasquerade({ podCIDR, clusterCIDR: opts.clusterCIDR, netns });
      log("pod network ready", { bridge, podCIDR, gateway });
    })();
    started.catch(() => (started = undefined)); // a later call tries again
    return started;
  };

  const teardown = async (podUid: string) => {
    await removePodLink(podUid, netns);
    ipam.release(podUid);
  };

  return {
    podCIDR,
    gateway,
    bridge,
    ipam,
    start,
    ipOf: (uid) => ipam.get(uid),
    async setup(podUid, netnsPath, meta) {
      const pod = meta ? `${meta.namespace}/${meta.podName}` : podUid;
      await start();
      const ip = ipam.allocate(podUid);
      try {
        await addPodLink({ podUid, podNetns: netnsPath, bridge, ip, prefixLength: bits, gateway, nodeNetns: netns, mtu: opts.mtu });
      } catch (e) {
        await teardown(podUid).catch(() => {});
        throw new Error(`pod ${pod}: network setup failed: ${(e as Error).message}`, { cause: e });
      }
      log("pod network set up", { pod, ip });
      return { ip, gateway };
    },
    teardown,
    async gc(keep) {
      const wanted = new Set(keep);
      const gone = [...ipam.entries().keys()].filter((uid) => !wanted.has(uid));
      for (const uid of gone) await teardown(uid);
      const ports = new Set([...wanted].map(hostVethName));
      for (const dev of await bridgePorts(bridge, netns)) if (!ports.has(dev)) await removeLink(dev, netns);
      return gone;
    },
  };
}
