// InterPodAffinity, required terms only, checked in upstream's order:
//  1. existing pods' anti-affinity that selects this pod keeps it out of their topology domain;
//  2. the pod's required affinity: the node's domain (for every term's key) must already hold a
//     pod matching all terms — unless no such pod exists anywhere and the pod matches its own
//     terms (the first of a group that gathers around itself);
//  3. the pod's required anti-affinity: no matching pod in the node's domain of any term's key.
import { topologyPair } from "../inter-pod.ts";
import { matchesAll, podTerms } from "../pod-terms.ts";
import { fail, OK, type Filter } from "../types.ts";

export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
export const AFFINITY_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";

export const interPodAffinity: Filter = (pod, node, ctx) => {
  const state = ctx.interPod;
  const labels = node.labels;
  if (state.existingAntiAffinity.size) {
    for (const [k, v] of Object.entries(labels)) if ((state.existingAntiAffinity.get(topologyPair(k, v)) ?? 0) > 0) return fail(EXISTING_ANTI_AFFINITY_REASON);
  }
  const { requiredAffinity, requiredAntiAffinity } = podTerms(pod);
  if (requiredAffinity.length) {
    let podsExist = true;
    for (const t of requiredAffinity) {
      const v = labels[t.topologyKey];
      if (v === undefined) return fail(AFFINITY_REASON);
      if ((state.affinity.get(topologyPair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist && !(state.affinity.size === 0 && matchesAll(requiredAffinity, pod, ctx.cluster.namespaceLabels))) return fail(AFFINITY_REASON);
  }
  for (const t of requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && (state.antiAffinity.get(topologyPair(t.topologyKey, v)) ?? 0) > 0) return fail(ANTI_AFFINITY_REASON);
  }
  return OK;
};
