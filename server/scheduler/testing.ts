// Builders for scheduler tests: Nodes and Pods with just the fields a case cares about.
import type { Node, Pod, PodSpec, Taint } from "kubernetes-types/core/v1";
import { cycleOver, type Cycle } from "./cycle.ts";
import { nodeInfoOf, type NodeInfo } from "./node-info.ts";
import type { Filter, FilterResult, Scorer } from "./types.ts";

export interface NodeSpecOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  ephemeral?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  ready?: "True" | "False" | "Unknown" | null;
  unschedulable?: boolean;
  extra?: Record<string, string>;
}

export function makeNode(name: string, o: NodeSpecOptions = {}): Node {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? "4", memory: o.memory ?? "8Gi", pods: o.pods ?? "110", ...o.extra };
  if (o.ephemeral) allocatable["ephemeral-storage"] = o.ephemeral;
  const ready = o.ready === undefined ? "True" : o.ready;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable, conditions: ready ? [{ type: "Ready", status: ready }] : [] },
  };
}

export interface PodOptions {
  namespace?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  owner?: string;
  phase?: string;
  deleting?: boolean;
  finalizers?: string[];
  spec?: Partial<PodSpec>;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      uid: `uid-${name}`,
      resourceVersion: "1",
      labels: o.labels,
      ownerReferences: o.owner ? [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: o.owner, uid: o.owner, controller: true }] : undefined,
      deletionTimestamp: o.deleting ? "2024-01-01T00:00:00Z" : undefined,
      finalizers: o.finalizers,
    },
    spec: {
      nodeName: o.nodeName,
      containers: [{ name: "c", image: "busybox", resources: Object.keys(requests).length ? { requests } : undefined }],
      ...o.spec,
    },
    status: { phase: o.phase ?? (o.nodeName ? "Running" : "Pending") },
  };
}

/** Node infos from nodes and the pods bound to them (by spec.nodeName). */
export function clusterOf(nodes: Node[], pods: Pod[] = []): NodeInfo[] {
  return nodes.map((n) => nodeInfoOf(n, pods.filter((p) => p.spec?.nodeName === n.metadata?.name)));
}

/** A cycle for `pod` over `nodes` (with bound pods); returns it with the node infos by name. */
export function cycleWith(pod: Pod, nodes: Node[], pods: Pod[] = []): { ctx: Cycle; infos: NodeInfo[]; info(name: string): NodeInfo } {
  const infos = clusterOf(nodes, pods);
  return { ctx: cycleOver(pod, infos), infos, info: (name) => infos.find((i) => i.name === name)! };
}

/** Run one filter for `pod` on a node "n1" built from `node`, with `pods` bound to it. */
export function runFilter(filter: Filter, pod: Pod, node: NodeSpecOptions = {}, pods: Pod[] = []): FilterResult {
  const { ctx, infos } = cycleWith(pod, [makeNode("n1", node)], pods.map((p) => ({ ...p, spec: { ...p.spec!, nodeName: "n1" } })));
  return filter(pod, infos[0]!, ctx);
}

/** One scorer's normalized scores for `pod` over all `nodes` (with bound `pods`), by node name. */
export function runScorer(scorer: Scorer, pod: Pod, nodes: Node[], pods: Pod[] = []): Record<string, number> {
  const { ctx, infos } = cycleWith(pod, nodes, pods);
  const scores = infos.map((ni) => scorer.score(pod, ni, ctx));
  scorer.normalize?.(scores, infos, ctx);
  return Object.fromEntries(infos.map((ni, i) => [ni.name, scores[i]!]));
}
