// The filters in the order upstream's default profile runs them; a node's first failure is its reason.
import type { NamedFilter } from "../types.ts";
import { hostPorts } from "./host-ports.ts";
import { interPodAffinity } from "./inter-pod-affinity.ts";
import { nodeAffinity } from "./node-affinity.ts";
import { nodeReady } from "./node-ready.ts";
import { resourcesFit } from "./resources.ts";
import { taintToleration } from "./taints.ts";
import { topologySpread } from "./topology-spread.ts";
import { nodeUnschedulable } from "./unschedulable.ts";

export const defaultFilters: readonly NamedFilter[] = [
  { name: "NodeUnschedulable", filter: nodeUnschedulable },
  { name: "NodeReady", filter: nodeReady },
  { name: "TaintToleration", filter: taintToleration },
  { name: "NodeAffinity", filter: nodeAffinity },
  { name: "NodePorts", filter: hostPorts },
  { name: "NodeResourcesFit", filter: resourcesFit },
  { name: "PodTopologySpread", filter: topologySpread },
  { name: "InterPodAffinity", filter: interPodAffinity },
];

export { hostPorts, interPodAffinity, nodeAffinity, nodeReady, nodeUnschedulable, resourcesFit, taintToleration, topologySpread };
