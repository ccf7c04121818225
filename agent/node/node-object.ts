// The Node a kubun agent registers: labels, taints, pod CIDR and the status it reports
// (capacity, allocatable, addresses, nodeInfo, conditions). Pure functions of the node's
// configuration and the stored Node.
import type { Node, NodeStatus, NodeSystemInfo, Taint } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../shared/api/object.ts";
import { KUBE_VERSION } from "../../shared/version.ts";
import { nodeConditions, type NodeHealth } from "./conditions.ts";

export type NodeObject = StoredObject & Node;

export const KUBELET_VERSION = KUBE_VERSION.gitVersion;

export interface NodeConfig {
  name: string;
  /** The node's InternalIP. */
  internalIP: string;
  /** The Hostname address and the kubernetes.io/hostname label (default: the node name). */
  hostname?: string;
  /** Extra labels (--node-label); the well-known ones are added. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Registered once, with the Node (--node-taint); later changes belong to the cluster. */
  taints?: Taint[];
  /** Set as spec.podCIDR when the Node has none yet. */
  podCIDR?: string;
  /** cpu, memory, pods, ephemeral-storage. */
  capacity: Record<string, string>;
  /** Default: the capacity. */
  allocatable?: Record<string, string>;
  nodeInfo: Omit<NodeSystemInfo, "kubeletVersion" | "kubeProxyVersion" | "operatingSystem">;
  kubeletPort?: number;
}

export function defaultLabels(cfg: NodeConfig): Record<string, string> {
  const arch = cfg.nodeInfo.architecture;
  return {
    "beta.kubernetes.io/arch": arch,
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": arch,
    "kubernetes.io/hostname": cfg.hostname ?? cfg.name,
    "kubernetes.io/os": "linux",
    ...cfg.labels,
  };
}

export function nodeStatus(cfg: NodeConfig, old: NodeStatus | undefined, health: NodeHealth, now: string): NodeStatus {
  return {
    ...old,
    capacity: { ...cfg.capacity },
    allocatable: { ...(cfg.allocatable ?? cfg.capacity) },
    conditions: nodeConditions(old?.conditions, health, now),
    addresses: [
      { type: "InternalIP", address: cfg.internalIP },
      { type: "Hostname", address: cfg.hostname ?? cfg.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: cfg.kubeletPort ?? 10250 } },
    nodeInfo: { ...cfg.nodeInfo, kubeletVersion: KUBELET_VERSION, kubeProxyVersion: KUBELET_VERSION, operatingSystem: "linux" },
  };
}

export function newNode(cfg: NodeConfig, health: NodeHealth, now: string): Node {
  const spec: { podCIDR?: string; podCIDRs?: string[]; taints?: Taint[] } = {};
  if (cfg.podCIDR) {
    spec.podCIDR = cfg.podCIDR;
    spec.podCIDRs = [cfg.podCIDR];
  }
  if (cfg.taints?.length) spec.taints = cfg.taints;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: cfg.name,
      labels: defaultLabels(cfg),
      annotations: { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true", ...cfg.annotations },
    },
    spec,
    status: nodeStatus(cfg, undefined, health, now),
  };
}

/** The Node with our labels and pod CIDR added, or undefined when it already has them. */
export function withOurMetadata(cfg: NodeConfig, node: NodeObject): NodeObject | undefined {
  const want = defaultLabels(cfg);
  const labels = node.metadata.labels ?? {};
  const missingLabel = Object.entries(want).some(([k, v]) => labels[k] !== v);
  const needCIDR = !!cfg.podCIDR && !node.spec?.podCIDR;
  if (!missingLabel && !needCIDR) return undefined;
  const spec = needCIDR ? { ...node.spec, podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR!] } : node.spec;
  return { ...node, metadata: { ...node.metadata, labels: { ...labels, ...want } }, spec };
}
