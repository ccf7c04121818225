// Stable identities: pod `<set>-<ordinal>` with hostname = its name and subdomain = serviceName,
// labels for its revision, name and index; one PersistentVolumeClaim per volumeClaimTemplate,
// `<claim>-<set>-<ordinal>`, mounted in place of any template volume of the same name.
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { controllerRef, isPodAvailable, isPodReady } from "../../../shared/controller/pod-state.ts";
import { POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL, type PodObject, type StatefulSetObject } from "./types.ts";

export const podName = (set: StatefulSetObject, ordinal: number) => `${set.metadata.name}-${ordinal}`;
export const claimName = (set: StatefulSetObject, claim: string, ordinal: number) => `${claim}-${set.metadata.name}-${ordinal}`;

/** The pod's ordinal when its name is `<set>-<n>`, else -1. */
export function ordinalOf(set: StatefulSetObject, pod: { metadata?: { name?: string } }): number {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata?.name ?? "");
  if (!m || m[1] !== set.metadata.name) return -1;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? n : -1;
}

export const startOrdinal = (set: StatefulSetObject) => set.spec?.ordinals?.start ?? 0;

export function claimsFor(set: StatefulSetObject, ordinal: number): KubeObject[] {
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  const deleteWithSet = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete";
  return (set.spec?.volumeClaimTemplates ?? []).map((t: PersistentVolumeClaim) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: claimName(set, t.metadata?.name ?? "", ordinal),
      namespace: set.metadata.namespace,
      labels: { ...t.metadata?.labels, ...selectorLabels },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ...(deleteWithSet ? { ownerReferences: [controllerRef(set)] } : {}),
    },
    spec: structuredClone(t.spec ?? {}),
  }));
}

function storageVolumes(set: StatefulSetObject, ordinal: number, current: readonly Volume[]): Volume[] {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  const names = new Set(templates.map((t) => t.metadata?.name ?? ""));
  const claims = templates.map((t) => ({ name: t.metadata?.name ?? "", persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? "", ordinal) } }));
  return [...claims, ...current.filter((v) => !names.has(v.name))];
}

/** The pod for `ordinal` from `template` (the revision it belongs to), labelled with `revision`. */
export function newStatefulPod(set: StatefulSetObject, template: PodTemplateSpec, ordinal: number, revision: string): KubeObject {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec ?? { containers: [] });
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const volumes = storageVolumes(set, ordinal, spec.volumes ?? []);
  if (volumes.length) spec.volumes = volumes;
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...meta.labels, [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(set)],
    },
    spec,
  };
}

export const revisionOf = (pod: Pod) => pod.metadata?.labels?.[REVISION_LABEL] ?? "";
export const isTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp;
export const isFailed = (pod: Pod) => pod.status?.phase === "Failed";
export const isSucceeded = (pod: Pod) => pod.status?.phase === "Succeeded";
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === "Running" && isPodReady(pod);
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, now: number) => pod.status?.phase === "Running" && isPodAvailable(pod, minReadySeconds, now);
export const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);

/** Upstream's identityMatches: name, namespace, hostname and subdomain are the set's. */
export function identityMatches(set: StatefulSetObject, pod: PodObject): boolean {
  const ord = ordinalOf(set, pod);
  return ord >= 0 && pod.metadata.namespace === set.metadata.namespace && pod.spec?.hostname === pod.metadata.name && (pod.spec?.subdomain ?? "") === (set.spec?.serviceName ?? "");
}
