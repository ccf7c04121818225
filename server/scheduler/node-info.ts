// What the scheduler knows about one node: the Node object and, kept up to date incrementally,
// the pods on it with their summed requests, used host ports, per-owner pod counts and the pods
// that carry required anti-affinity (which every placement must respect).
import type { Node, Pod } from "kubernetes-types/core/v1";
import { podTerms } from "./pod-terms.ts";
import { addInto, emptyResources, nodeAllocatable, podResources, type NonZero, type Resources } from "./resources.ts";

export interface HostPort {
  protocol: string;
  port: number;
  ip: string;
}

export interface PodInfo {
  key: string;
  pod: Pod;
  requests: Resources;
  nonZero: NonZero;
  hostPorts: HostPort[];
  /** uid of the controller owner, unless the pod is being deleted (it is leaving anyway). */
  owner?: string;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
}

export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const list of [pod.spec?.initContainers, pod.spec?.containers]) {
    for (const c of list ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort && p.hostPort > 0) out.push({ protocol: p.protocol || "TCP", port: p.hostPort, ip: p.hostIP || "0.0.0.0" });
      }
    }
  }
  return out;
}

export function controllerOwner(pod: Pod): string | undefined {
  return pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
}

export function podInfo(pod: Pod): PodInfo {
  const { requests, nonZero } = podResources(pod);
  const info: PodInfo = { key: podKey(pod), pod, requests, nonZero, hostPorts: podHostPorts(pod) };
  if (!pod.metadata?.deletionTimestamp) info.owner = controllerOwner(pod);
  return info;
}

export class NodeInfo {
  node: Node;
  /** False for a placeholder holding pods bound to a node the scheduler has not seen (yet). */
  known: boolean;
  allocatable: Resources = emptyResources();
  allowedPods = 0;
  readonly pods = new Map<string, PodInfo>();
  /** Sum of the pods' exact requests (what fitting compares to allocatable). */
  readonly requested: Resources = emptyResources();
  /** Sum with upstream's defaults for containers without requests (what scoring uses). */
  readonly nonZeroRequested: NonZero = { milliCPU: 0, memory: 0 };
  /** "TCP/8080" → host IP → number of pods using it. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Controller owner uid → pods of it here. */
  readonly ownerCounts = new Map<string, number>();
  /** Pods here with required anti-affinity terms. */
  readonly withRequiredAntiAffinity = new Set<PodInfo>();

  constructor(node: Node, known = true) {
    this.node = node;
    this.known = known;
    this.setNode(node, known);
  }

  get name(): string {
    return this.node.metadata?.name ?? "";
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node.metadata?.labels ?? {};
  }

  setNode(node: Node, known = true) {
    this.node = node;
    this.known = known;
    const a = nodeAllocatable(node);
    this.allocatable = a.allocatable;
    this.allowedPods = a.pods;
  }

  addPod(pi: PodInfo) {
    this.removePod(pi.key);
    this.pods.set(pi.key, pi);
    this.account(pi, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const pi = this.pods.get(key);
    if (!pi) return undefined;
    this.pods.delete(key);
    this.account(pi, -1);
    return pi;
  }

  private account(pi: PodInfo, sign: 1 | -1) {
    addInto(this.requested, pi.requests, sign);
    this.nonZeroRequested.milliCPU += sign * pi.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * pi.nonZero.memory;
    for (const hp of pi.hostPorts) {
      const k = `${hp.protocol}/${hp.port}`;
      const ips = this.usedPorts.get(k) ?? new Map<string, number>();
      const n = (ips.get(hp.ip) ?? 0) + sign;
      if (n > 0) ips.set(hp.ip, n);
      else ips.delete(hp.ip);
      if (ips.size) this.usedPorts.set(k, ips);
      else this.usedPorts.delete(k);
    }
    if (pi.owner) {
      const n = (this.ownerCounts.get(pi.owner) ?? 0) + sign;
      if (n > 0) this.ownerCounts.set(pi.owner, n);
      else this.ownerCounts.delete(pi.owner);
    }
    if (podTerms(pi.pod).requiredAntiAffinity.length) {
      if (sign > 0) this.withRequiredAntiAffinity.add(pi);
      else this.withRequiredAntiAffinity.delete(pi);
    }
  }
}

/** A NodeInfo with the given pods on it (tests and one-off checks). */
export function nodeInfoOf(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const ni = new NodeInfo(node);
  for (const p of pods) ni.addPod(podInfo(p));
  return ni;
}
