// Daemon pods: the DaemonSet's template with the tolerations upstream adds to every daemon pod
// (not-ready/unreachable NoExecute; disk-, memory-, pid-pressure and unschedulable NoSchedule;
// network-unavailable for hostNetwork), the revision labels, and required node affinity on
// metadata.name for the one node the pod is for (the scheduler then binds it there).
import type { Affinity, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Toleration } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { controllerRef } from "../../../shared/controller/pod-state.ts";
import { HASH_LABEL, TEMPLATE_GENERATION_ANNOTATION, TEMPLATE_GENERATION_LABEL, type DaemonSetObject } from "./types.ts";

const exists = (key: string, effect: string): Toleration => ({ key, operator: "Exists", effect });

export function daemonTolerations(spec: PodSpec): Toleration[] {
  const add = [
    exists("node.kubernetes.io/not-ready", "NoExecute"),
    exists("node.kubernetes.io/unreachable", "NoExecute"),
    exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
    exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
    exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
    exists("node.kubernetes.io/unschedulable", "NoSchedule"),
  ];
  if (spec.hostNetwork) add.push(exists("node.kubernetes.io/network-unavailable", "NoSchedule"));
  // Upstream's AddOrUpdateTolerationInPodSpec: a toleration with the same key, operator, value
  // and effect is replaced, anything else kept.
  const out = [...(spec.tolerations ?? [])];
  for (const t of add) {
    const i = out.findIndex((o) => o.key === t.key && (o.operator ?? "Equal") === t.operator && (o.value ?? "") === "" && o.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/** Upstream's GetTemplateGeneration: the deprecated annotation the API server keeps, if any. */
export function templateGeneration(ds: DaemonSetObject): string | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? v : undefined;
}

/** Upstream's CreatePodTemplate: tolerations, pod-template-generation and the revision hash. */
export function daemonPodTemplate(ds: DaemonSetObject, hash: string): PodTemplateSpec {
  const t = structuredClone(ds.spec!.template);
  const spec = (t.spec ??= { containers: [] });
  spec.tolerations = daemonTolerations(spec);
  const labels = { ...t.metadata?.labels };
  const gen = templateGeneration(ds);
  if (gen !== undefined) labels[TEMPLATE_GENERATION_LABEL] = gen;
  if (hash) labels[HASH_LABEL] = hash;
  t.metadata = { ...t.metadata, labels };
  return t;
}

/** Upstream's ReplaceDaemonSetPodNodeNameNodeAffinity: required terms become "metadata.name In [node]". */
export function nodeNameAffinity(affinity: Affinity | undefined, node: string): Affinity {
  const terms: NodeSelectorTerm[] = [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }];
  const a = structuredClone(affinity ?? {});
  a.nodeAffinity = { ...a.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } };
  return a;
}

export function newDaemonPod(ds: DaemonSetObject, template: PodTemplateSpec, node: string): KubeObject {
  const spec = structuredClone(template.spec!);
  spec.affinity = nodeNameAffinity(spec.affinity, node);
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...meta.labels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(ds)],
    },
    spec,
  };
}

/** Upstream's GetTargetNodeName: spec.nodeName, else the metadata.name In [x] affinity term. */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** Upstream's IsPodUpdated: the revision hash matches (or the old template generation does). */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (!!hash && labels[HASH_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}
