// A Job's pods: built from the template (generateName `<job>-`, the tracking finalizer, the
// controller reference; Indexed Jobs add the completion index annotation, label, env var and
// hostname), and classified the way the Job controller counts them.
import type { EnvVar, Pod } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { controllerRef, isControlledBy, isPodTerminal } from "../../../shared/controller/pod-state.ts";
import { COMPLETION_INDEX, TRACKING_FINALIZER, type JobDeps, type JobObject, type PodObject } from "./types.ts";

export const isIndexed = (job: JobObject) => job.spec?.completionMode === "Indexed";

/** Upstream's podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the prefix fits. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const append = `-${index}-`;
  const max = 63 - 5; // MaxGeneratedNameLength
  return jobName.slice(0, Math.max(0, max - append.length)) + append;
}

const indexEnv: EnvVar = { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } };

/** The pod to create for `job` (and completion `index` for Indexed Jobs). */
export function newJobPod(job: JobObject, index?: number): KubeObject {
  const t = structuredClone(job.spec!.template);
  const meta = { ...t.metadata };
  const spec = t.spec!;
  const labels = { ...meta.labels };
  const annotations = { ...meta.annotations };
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (!(c.env ?? []).some((e) => e.name === indexEnv.name)) c.env = [...(c.env ?? []), indexEnv];
    }
    spec.hostname = `${job.metadata.name}-${index}`;
    generateName = generateNameWithIndex(job.metadata.name, index);
  }
  const finalizers = [...(meta.finalizers ?? [])];
  if (!finalizers.includes(TRACKING_FINALIZER)) finalizers.push(TRACKING_FINALIZER);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      finalizers,
      ownerReferences: [controllerRef(job)],
    },
    spec,
  };
}

/** The pods the Job controls, from the cache (adoption of orphans is not done). */
export function podsOf(d: JobDeps, job: JobObject): PodObject[] {
  const ns = job.metadata.namespace;
  return d.pods.list().filter((p) => p.metadata.namespace === ns && isControlledBy(p, job));
}

export const hasTrackingFinalizer = (pod: Pod) => (pod.metadata?.finalizers ?? []).includes(TRACKING_FINALIZER);

/** Only Failed pods are replaced (podReplacementPolicy Failed, or a podFailurePolicy). */
export const onlyReplaceFailed = (job: JobObject) => job.spec?.podReplacementPolicy === "Failed" || !!job.spec?.podFailurePolicy;

/** Failed, or (unless only Failed pods count) deleted before it succeeded. */
export function isPodFailed(pod: Pod, job: JobObject): boolean {
  if (pod.status?.phase === "Failed") return true;
  if (onlyReplaceFailed(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== "Succeeded";
}

/** The completion index of an Indexed Job's pod, or -1. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/** When a finished pod finished (ms): its containers' latest finishedAt, else its last condition change. */
export function finishedAt(pod: Pod): number | undefined {
  const ends = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]
    .map((s) => s.state?.terminated?.finishedAt)
    .filter((t): t is string => !!t)
    .map(Date.parse);
  if (ends.length) return Math.max(...ends);
  const conds = (pod.status?.conditions ?? []).map((c) => c.lastTransitionTime).filter((t): t is string => !!t).map(Date.parse);
  if (conds.length) return Math.max(...conds);
  return pod.metadata?.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : undefined;
}

/** Container restarts of running and pending pods (backoffLimit with restartPolicy OnFailure). */
export function restartsOfLivePods(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) {
    if (isPodTerminal(p) || (p.status?.phase !== "Running" && p.status?.phase !== "Pending")) continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) n += s.restartCount ?? 0;
  }
  return n;
}
