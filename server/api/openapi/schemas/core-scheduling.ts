// Schema data: core/v1 scheduling: affinity, tolerations, topology spread.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      TopologySelectorTerm: {
        d: "Topology requirements; all must match.",
        f: {
          matchLabelExpressions: "[]TopologySelectorLabelRequirement; Requirements on topology labels.",
        },
      },
      Affinity: {
        d: "Scheduling constraints relative to nodes and other pods.",
        f: {
          nodeAffinity: "NodeAffinity; Rules about which nodes the pod prefers or requires.",
          podAffinity: "PodAffinity; Rules to co-locate the pod with other pods.",
          podAntiAffinity: "PodAntiAffinity; Rules to keep the pod away from other pods.",
        },
      },
      Toleration: {
        d: "Lets a pod schedule onto (or stay on) nodes with a matching taint.",
        f: {
          effect: "string; Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.",
          key: "string; Taint key to match; empty with operator Exists matches all taints.",
          operator: "string; Exists or Equal (default).",
          tolerationSeconds: "int32; For NoExecute, how long the pod stays bound after the taint appears.",
          value: "string; Taint value to match with operator Equal.",
        },
      },
      TopologySpreadConstraint: {
        d: "How to spread matching pods across a topology.",
        req: ["maxSkew",  "topologyKey",  "whenUnsatisfiable"],
        f: {
          labelSelector: "LabelSelector; Selects the pods counted in each domain.",
          matchLabelKeys: "[]string; Pod label keys whose values are added to the selector.",
          maxSkew: "int32; Maximum allowed difference in matching pods between domains.",
          minDomains: "int32; Minimum number of eligible domains.",
          nodeAffinityPolicy: "string; Honor or Ignore node affinity when computing the skew.",
          nodeTaintsPolicy: "string; Honor or Ignore node taints when computing the skew.",
          topologyKey: "string; Node label key that defines the domains, e.g. topology.kubernetes.io/zone.",
          whenUnsatisfiable: "string; DoNotSchedule or ScheduleAnyway.",
        },
      },
      TopologySelectorLabelRequirement: {
        d: "A topology label requirement.",
        req: ["key",  "values"],
        f: {
          key: "string; Label key.",
          values: "[]string; Allowed values.",
        },
      },
      NodeAffinity: {
        d: "Node affinity rules.",
        f: {
          preferredDuringSchedulingIgnoredDuringExecution: "[]PreferredSchedulingTerm; Weighted node preferences.",
          requiredDuringSchedulingIgnoredDuringExecution: "NodeSelector; Node requirements the scheduler must satisfy.",
        },
      },
      PodAffinity: {
        d: "Rules to place a pod near other pods.",
        f: {
          preferredDuringSchedulingIgnoredDuringExecution: "[]WeightedPodAffinityTerm; Weighted co-location preferences.",
          requiredDuringSchedulingIgnoredDuringExecution: "[]PodAffinityTerm; Co-location requirements.",
        },
      },
      PodAntiAffinity: {
        d: "Rules to place a pod away from other pods.",
        f: {
          preferredDuringSchedulingIgnoredDuringExecution: "[]WeightedPodAffinityTerm; Weighted anti-affinity preferences.",
          requiredDuringSchedulingIgnoredDuringExecution: "[]PodAffinityTerm; Anti-affinity requirements.",
        },
      },
      NodeSelector: {
        d: "A node selector: the terms are ORed.",
        req: ["nodeSelectorTerms"],
        f: {
          nodeSelectorTerms: "[]NodeSelectorTerm; Terms; a node matching any of them is selected.",
        },
      },
      PreferredSchedulingTerm: {
        d: "A weighted node preference.",
        req: ["preference",  "weight"],
        f: {
          preference: "NodeSelectorTerm; Node selector term.",
          weight: "int32; Weight from 1 to 100.",
        },
      },
      WeightedPodAffinityTerm: {
        d: "A pod affinity term with a weight.",
        req: ["podAffinityTerm",  "weight"],
        f: {
          podAffinityTerm: "PodAffinityTerm; The affinity term.",
          weight: "int32; Weight from 1 to 100.",
        },
      },
      PodAffinityTerm: {
        d: "Pods (by label and namespace) a pod should be placed near or away from.",
        req: ["topologyKey"],
        f: {
          labelSelector: "LabelSelector; Selects the other pods.",
          matchLabelKeys: "[]string; Pod label keys whose values are added to labelSelector.",
          mismatchLabelKeys: "[]string; Pod label keys whose values are excluded via labelSelector.",
          namespaceSelector: "LabelSelector; Selects the namespaces the other pods are searched in.",
          namespaces: "[]string; Namespaces the other pods are searched in; default is the pod's own.",
          topologyKey: "string; Node label key defining what counts as 'near'.",
        },
      },
      NodeSelectorTerm: {
        d: "Requirements on node labels and fields; all must match.",
        f: {
          matchExpressions: "[]NodeSelectorRequirement; Requirements on node labels.",
          matchFields: "[]NodeSelectorRequirement; Requirements on node fields.",
        },
      },
      NodeSelectorRequirement: {
        d: "One requirement on a node label or field.",
        req: ["key",  "operator"],
        f: {
          key: "string; Label or field key.",
          operator: "string; In, NotIn, Exists, DoesNotExist, Gt or Lt.",
          values: "[]string; Values for the operator.",
        },
      },
    },
  },
];
