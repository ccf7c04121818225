// topologySpreadConstraints, parsed once per pod, and the per-domain counts of matching pods
// computed once per scheduling cycle (upstream's PodTopologySpread PreFilter/PreScore).
// A node counts when it passes the pod's node affinity (nodeAffinityPolicy Honor, the default)
// and, with nodeTaintsPolicy Honor, its taints; and carries every topology key of the set.
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { LabelMatcher } from "../../shared/selectors/index.ts";
import type { NodeInfo } from "./node-info.ts";
import { podFitsNodeSelection } from "./node-selector.ts";
import { selectorOrNothing } from "./pod-terms.ts";
import { SCHEDULE_EFFECTS, untoleratedTaint } from "./tolerations.ts";

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelMatcher;
  minDomains: number;
  hard: boolean;
  honorAffinity: boolean;
  honorTaints: boolean;
}

export interface DomainCounts {
  constraint: SpreadConstraint;
  /** Topology value → matching pods in that domain (0 for empty eligible domains). */
  counts: Map<string, number>;
  /** The smallest count (0 when there are fewer domains than minDomains). */
  min: number;
}

function withMatchLabelKeys(sel: LabelSelector | undefined, keys: readonly string[] | undefined, pod: Pod): LabelSelector | undefined {
  const labels = pod.metadata?.labels ?? {};
  const extra = (keys ?? []).filter((k) => Object.hasOwn(labels, k)).map((k) => ({ key: k, operator: "In", values: [labels[k]!] }));
  if (!sel || extra.length === 0) return sel;
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

const cache = new WeakMap<Pod, SpreadConstraint[]>();

export function spreadConstraints(pod: Pod): SpreadConstraint[] {
  const raw = pod.spec?.topologySpreadConstraints;
  if (!raw?.length) return [];
  let v = cache.get(pod);
  if (!v) {
    v = raw.map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: selectorOrNothing(withMatchLabelKeys(c.labelSelector, c.matchLabelKeys, pod)),
      minDomains: c.minDomains ?? 1,
      hard: c.whenUnsatisfiable !== "ScheduleAnyway",
      honorAffinity: c.nodeAffinityPolicy !== "Ignore",
      honorTaints: c.nodeTaintsPolicy === "Honor",
    }));
    cache.set(pod, v);
  }
  return v;
}

function eligible(pod: Pod, ni: NodeInfo, set: readonly SpreadConstraint[]): boolean {
  const labels = ni.labels;
  if (!set.every((c) => Object.hasOwn(labels, c.topologyKey))) return false;
  if (set.some((c) => c.honorAffinity) && !podFitsNodeSelection(pod, ni.node)) return false;
  if (set.some((c) => c.honorTaints) && untoleratedTaint(ni.node.spec?.taints, pod.spec?.tolerations, SCHEDULE_EFFECTS)) return false;
  return true;
}

/** Counts per domain for a set of constraints (all hard ones, or all soft ones, of a pod). */
export function domainCounts(pod: Pod, set: readonly SpreadConstraint[], nodes: readonly NodeInfo[]): DomainCounts[] {
  const out: DomainCounts[] = set.map((constraint) => ({ constraint, counts: new Map(), min: 0 }));
  if (!set.length) return out;
  const ns = pod.metadata?.namespace ?? "";
  for (const ni of nodes) {
    if (!eligible(pod, ni, set)) continue;
    for (const dc of out) {
      const value = ni.labels[dc.constraint.topologyKey]!;
      let n = 0;
      for (const pi of ni.pods.values()) {
        const p = pi.pod;
        if (p.metadata?.namespace === ns && !p.metadata?.deletionTimestamp && dc.constraint.selector.matches(p.metadata?.labels)) n++;
      }
      dc.counts.set(value, (dc.counts.get(value) ?? 0) + n);
    }
  }
  for (const dc of out) {
    dc.min = dc.counts.size < dc.constraint.minDomains || dc.counts.size === 0 ? 0 : Math.min(...dc.counts.values());
  }
  return out;
}
