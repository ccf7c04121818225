// Inter-pod (anti-)affinity terms, parsed once per pod object: which pods a term selects
// (namespaces + label selector) and the topology key it spreads or gathers over.
import type { Pod, PodAffinityTerm } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { labelSelectorFromObject, nothing, type LabelMatcher, type Labels } from "../../shared/selectors/index.ts";

export interface PodTerm {
  topologyKey: string;
  selector: LabelMatcher;
  /** Namespaces named by the term (or the owning pod's own namespace). */
  namespaces: ReadonlySet<string>;
  /** Namespaces whose labels match (upstream's namespaceSelector); `{}` matches every namespace. */
  namespaceSelector?: LabelMatcher;
  /** For preferred terms. */
  weight: number;
}

/** Labels of a namespace, for terms with a namespaceSelector. */
export type NamespaceLabels = (namespace: string) => Labels;

export function selectorOrNothing(sel: LabelSelector | undefined): LabelMatcher {
  try {
    return labelSelectorFromObject(sel);
  } catch {
    return nothing();
  }
}

function parseTerm(t: PodAffinityTerm, ownNamespace: string, weight = 1): PodTerm {
  const named = t.namespaces ?? [];
  const term: PodTerm = {
    topologyKey: t.topologyKey,
    selector: selectorOrNothing(t.labelSelector),
    namespaces: new Set(named.length === 0 && !t.namespaceSelector ? [ownNamespace] : named),
    weight,
  };
  if (t.namespaceSelector) term.namespaceSelector = selectorOrNothing(t.namespaceSelector);
  return term;
}

export interface PodTerms {
  requiredAffinity: PodTerm[];
  requiredAntiAffinity: PodTerm[];
}

const none: PodTerms = Object.freeze({ requiredAffinity: [], requiredAntiAffinity: [] });
const cache = new WeakMap<Pod, PodTerms>();

/** The pod's required affinity and anti-affinity terms; memoized per (frozen) pod object. */
export function podTerms(pod: Pod): PodTerms {
  const a = pod.spec?.affinity;
  if (!a?.podAffinity && !a?.podAntiAffinity) return none;
  let v = cache.get(pod);
  if (!v) {
    const ns = pod.metadata?.namespace ?? "";
    v = {
      requiredAffinity: (a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => parseTerm(t, ns)),
      requiredAntiAffinity: (a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => parseTerm(t, ns)),
    };
    cache.set(pod, v);
  }
  return v;
}

/** Does the term select `pod` (its namespace and labels)? */
export function termMatches(term: PodTerm, pod: Pod, nsLabels: NamespaceLabels): boolean {
  const ns = pod.metadata?.namespace ?? "";
  const inNamespace = term.namespaces.has(ns) || (term.namespaceSelector !== undefined && (term.namespaceSelector.empty || term.namespaceSelector.matches(nsLabels(ns))));
  return inNamespace && term.selector.matches(pod.metadata?.labels);
}

export const matchesAll = (terms: readonly PodTerm[], pod: Pod, nsLabels: NamespaceLabels) => terms.every((t) => termMatches(t, pod, nsLabels));
