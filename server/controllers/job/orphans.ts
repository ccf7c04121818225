// Pods that still hold the job-tracking finalizer but that no running Job will count — their Job
// is gone, finished, or no longer their controller — lose the finalizer, so they can be deleted
// (upstream's orphan pod queue). Without this, a deleted Job's pods would never go away.
import { isNotFound } from "../../../shared/client/index.ts";
import { controllerOf } from "../../../shared/controller/pod-state.ts";
import { isJobFinished } from "./conditions.ts";
import { hasTrackingFinalizer } from "./pods.ts";
import { FIELD_MANAGER, PODS, TRACKING_FINALIZER, type JobDeps, type PodObject } from "./types.ts";

/** True when the pod's finalizer is no Job's business any more. */
export function isOrphanTracked(d: Pick<JobDeps, "jobs">, pod: PodObject): boolean {
  if (!hasTrackingFinalizer(pod)) return false;
  const ref = controllerOf(pod);
  if (!ref) return true;
  if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return false;
  const job = d.jobs.get(`${pod.metadata.namespace}/${ref.name}`);
  return !job || job.metadata.uid !== ref.uid || isJobFinished(job);
}

export async function syncOrphanPod(d: JobDeps, podKey: string): Promise<void> {
  const pod = d.pods.get(podKey);
  if (!pod || !isOrphanTracked(d, pod)) return;
  const patch = { metadata: { uid: pod.metadata.uid, [`$deleteFromPrimitiveList/finalizers`]: [TRACKING_FINALIZER] } };
  try {
    await d.client.patch(PODS, pod.metadata.name, patch, { type: "strategic", namespace: pod.metadata.namespace, fieldManager: FIELD_MANAGER });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
