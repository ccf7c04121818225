// One scheduling cycle's context: the pod, the cluster as the scheduler sees it at this moment
// (nodes with bound and assumed pods), and state derived from both once per cycle on first use
// (the pod's requests, inter-pod affinity counts, topology spread counts). The scheduling loop
// runs a whole cycle synchronously, so the live cache is a consistent snapshot.
import type { Pod } from "kubernetes-types/core/v1";
import { interPodState, type InterPodState } from "./inter-pod.ts";
import { NodeInfo, podInfo, type PodInfo } from "./node-info.ts";
import type { NamespaceLabels } from "./pod-terms.ts";
import { domainCounts, spreadConstraints, type DomainCounts } from "./spread.ts";

export interface ClusterView {
  /** The known nodes, in a stable order. */
  nodes(): readonly NodeInfo[];
  namespaceLabels: NamespaceLabels;
}

export class Cycle {
  private memo = new Map<string, unknown>();

  constructor(
    readonly pod: Pod,
    readonly cluster: ClusterView,
  ) {}

  private once<T>(name: string, make: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, make());
    return this.memo.get(name) as T;
  }

  get info(): PodInfo {
    return this.once("info", () => podInfo(this.pod));
  }

  get interPod(): InterPodState {
    return this.once("interPod", () => interPodState(this.pod, this.cluster.nodes(), this.cluster.namespaceLabels));
  }

  /** Counts for the DoNotSchedule constraints (the filter). */
  get hardSpread(): DomainCounts[] {
    return this.once("hardSpread", () => domainCounts(this.pod, spreadConstraints(this.pod).filter((c) => c.hard), this.cluster.nodes()));
  }

  /** Counts for the ScheduleAnyway constraints (the score). */
  get softSpread(): DomainCounts[] {
    return this.once("softSpread", () => domainCounts(this.pod, spreadConstraints(this.pod).filter((c) => !c.hard), this.cluster.nodes()));
  }
}

/** A cycle over a fixed list of nodes (tests, one-off checks). */
export function cycleOver(pod: Pod, nodes: readonly NodeInfo[], namespaceLabels: NamespaceLabels = () => undefined): Cycle {
  return new Cycle(pod, { nodes: () => nodes, namespaceLabels });
}
