// Inter-pod affinity state for one pod, computed once per scheduling cycle (upstream's
// InterPodAffinity PreFilter): per topology pair ("zone=a"), how many existing pods
//  - have required anti-affinity that selects the incoming pod (they keep it out of the pair),
//  - are selected by the incoming pod's required anti-affinity terms (same),
//  - match all of the incoming pod's required affinity terms (the pod must join one of them).
// Only pods with terms pay for the scan over existing pods.
import type { Pod } from "kubernetes-types/core/v1";
import type { NodeInfo } from "./node-info.ts";
import { podKey } from "./node-info.ts";
import { matchesAll, podTerms, termMatches, type NamespaceLabels } from "./pod-terms.ts";

export interface InterPodState {
  existingAntiAffinity: Map<string, number>;
  antiAffinity: Map<string, number>;
  affinity: Map<string, number>;
}

export const topologyPair = (key: string, value: string) => `${key}\u0000${value}`;

const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function interPodState(pod: Pod, nodes: readonly NodeInfo[], nsLabels: NamespaceLabels): InterPodState {
  const state: InterPodState = { existingAntiAffinity: new Map(), antiAffinity: new Map(), affinity: new Map() };
  const self = podKey(pod);
  const { requiredAffinity, requiredAntiAffinity } = podTerms(pod);
  const scanAll = requiredAffinity.length > 0 || requiredAntiAffinity.length > 0;
  for (const ni of nodes) {
    const labels = ni.labels;
    for (const existing of ni.withRequiredAntiAffinity) {
      if (existing.key === self) continue;
      for (const t of podTerms(existing.pod).requiredAntiAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, pod, nsLabels)) inc(state.existingAntiAffinity, topologyPair(t.topologyKey, v));
      }
    }
    if (!scanAll) continue;
    for (const pi of ni.pods.values()) {
      if (pi.key === self) continue;
      if (requiredAffinity.length && matchesAll(requiredAffinity, pi.pod, nsLabels)) {
        for (const t of requiredAffinity) {
          const v = labels[t.topologyKey];
          if (v !== undefined) inc(state.affinity, topologyPair(t.topologyKey, v));
        }
      }
      for (const t of requiredAntiAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, pi.pod, nsLabels)) inc(state.antiAffinity, topologyPair(t.topologyKey, v));
      }
    }
  }
  return state;
}
