// The scheduler's view of the cluster, kept incrementally from the informers: nodes with the
// pods placed on them, plus "assumed" pods — bound by this scheduler but not yet seen bound
// through the watch — so that a burst of pods does not all land on the node that looked
// emptiest. An assumed pod is confirmed when the watch shows it bound, dropped when its bind
// fails, and expires if the watch never shows it within a TTL after the bind succeeded.
// Terminal pods (Succeeded/Failed) hold no resources and are not placed.
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Labels } from "../../shared/selectors/index.ts";
import type { ClusterView } from "./cycle.ts";
import { NodeInfo, podInfo, podKey, type PodInfo } from "./node-info.ts";

export const isTerminal = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

export class SchedulerCache implements ClusterView {
  private byName = new Map<string, NodeInfo>();
  private placed = new Map<string, string>();
  /** Assumed pod key → deadline (Infinity while its bind is in flight). */
  private assumed = new Map<string, number>();
  private list: NodeInfo[] | undefined;
  private nsLabels = new Map<string, Labels>();

  constructor(
    private readonly now: () => number,
    private readonly assumedTtlMs = 30_000,
  ) {}

  readonly namespaceLabels = (ns: string): Labels => this.nsLabels.get(ns);

  nodes(): readonly NodeInfo[] {
    return (this.list ??= [...this.byName.values()].filter((n) => n.known));
  }

  node(name: string): NodeInfo | undefined {
    const ni = this.byName.get(name);
    return ni?.known ? ni : undefined;
  }

  setNamespace(name: string, labels: Labels) {
    this.nsLabels.set(name, labels);
  }

  deleteNamespace(name: string) {
    this.nsLabels.delete(name);
  }

  upsertNode(node: Node) {
    const name = node.metadata?.name ?? "";
    const ni = this.byName.get(name);
    if (!ni) this.byName.set(name, new NodeInfo(node));
    else {
      if (!ni.known) this.list = undefined;
      ni.setNode(node);
      return;
    }
    this.list = undefined;
  }

  removeNode(name: string) {
    const ni = this.byName.get(name);
    if (!ni) return;
    if (ni.pods.size) ni.known = false;
    else this.byName.delete(name);
    this.list = undefined;
  }

  /** A pod as the watch shows it now. */
  updatePod(pod: Pod) {
    const key = podKey(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !isTerminal(pod)) {
      this.assumed.delete(key);
      this.place(key, podInfo(pod), nodeName);
    } else if (!this.assumed.has(key) || isTerminal(pod)) {
      this.assumed.delete(key);
      this.unplace(key);
    }
    // else: an older, still-pending version of a pod this scheduler has bound; keep the assumption.
  }

  removePod(pod: Pod) {
    const key = podKey(pod);
    this.assumed.delete(key);
    this.unplace(key);
  }

  /** Count the pod on the node before the bind is observed. */
  assume(pod: Pod, nodeName: string) {
    const key = podKey(pod);
    this.assumed.set(key, Infinity);
    this.place(key, podInfo({ ...pod, spec: { ...pod.spec!, nodeName } }), nodeName);
  }

  /** The bind succeeded: the watch should show it soon; stop waiting after the TTL. */
  finishBinding(key: string) {
    if (this.assumed.has(key)) this.assumed.set(key, this.now() + this.assumedTtlMs);
  }

  /** The bind failed: the pod is not on the node after all. */
  forget(key: string) {
    if (!this.assumed.delete(key)) return;
    this.unplace(key);
  }

  isAssumed(key: string): boolean {
    return this.assumed.has(key);
  }

  get assumedCount(): number {
    return this.assumed.size;
  }

  /** Drop assumptions whose TTL passed; returns their keys. */
  expire(): string[] {
    const now = this.now();
    const gone: string[] = [];
    for (const [key, deadline] of this.assumed) {
      if (deadline <= now) gone.push(key);
    }
    for (const key of gone) this.forget(key);
    return gone;
  }

  /** Where a pod is counted (bound or assumed). */
  nodeOf(key: string): string | undefined {
    return this.placed.get(key);
  }

  private place(key: string, pi: PodInfo, nodeName: string) {
    const prev = this.placed.get(key);
    if (prev !== undefined && prev !== nodeName) this.unplace(key);
    let ni = this.byName.get(nodeName);
    if (!ni) {
      ni = new NodeInfo({ metadata: { name: nodeName } }, false);
      this.byName.set(nodeName, ni);
    }
    ni.addPod(pi);
    this.placed.set(key, nodeName);
  }

  private unplace(key: string) {
    const name = this.placed.get(key);
    if (name === undefined) return;
    this.placed.delete(key);
    const ni = this.byName.get(name);
    if (!ni) return;
    ni.removePod(key);
    if (!ni.known && ni.pods.size === 0) this.byName.delete(name);
  }
}
