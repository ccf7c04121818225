// The Jobs a CronJob runs: named `<cronjob>-<scheduled time in minutes since the epoch>` (the
// name is the lock against running one time twice), with the template's labels and annotations
// plus batch.kubernetes.io/cronjob-scheduled-timestamp; the active list in status as
// ObjectReferences; finished Jobs beyond the history limits deleted oldest first.
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { ObjectReference } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource, Client } from "../../../shared/client/index.ts";
import type { EventRecorder } from "../../../shared/controller/index.ts";
import { controllerRef } from "../../../shared/controller/pod-state.ts";
import { formatInZone } from "./schedule.ts";

export const CRONJOBS: ApiResource = { group: "batch", version: "v1", plural: "cronjobs", kind: "CronJob", namespaced: true };
export const JOBS: ApiResource = { group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true };
export const SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
export const FIELD_MANAGER = "cronjob-controller";

export type CronJobObject = StoredObject & CronJob;
export type JobObject = StoredObject & Job;

export const jobName = (cj: CronJobObject, scheduled: number) => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;

export function jobFromTemplate(cj: CronJobObject, scheduled: number, timeZone: string | undefined): KubeObject {
  const t = cj.spec!.jobTemplate;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      labels: { ...t.metadata?.labels },
      annotations: { ...t.metadata?.annotations, [SCHEDULED_TIMESTAMP]: formatInZone(scheduled, timeZone) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: structuredClone(t.spec),
  };
}

/** "Complete" or "Failed" when the Job finished, else undefined. */
export function finishedType(job: Job): "Complete" | "Failed" | undefined {
  const c = job.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
  return c?.type as "Complete" | "Failed" | undefined;
}

export function refOf(job: StoredObject): ObjectReference {
  return { kind: "Job", namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: "batch/v1", resourceVersion: job.metadata.resourceVersion };
}

export const inActiveList = (cj: CronJob, uid: string) => (cj.status?.active ?? []).some((r) => r.uid === uid);

export function removeFromActive(cj: CronJob, uid: string) {
  const status = (cj.status ??= {});
  status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

/** Oldest first by start time (Jobs that never started last), name breaking ties. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sb) return sa ? -1 : 0;
  if (!sa) return 1;
  if (sa === sb) return (a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1;
  return Date.parse(sa) - Date.parse(sb);
}

/** Delete a Job (background propagation) and drop it from the active list; false when that failed. */
export async function deleteJob(client: Client, recorder: Pick<EventRecorder, "record">, cj: CronJobObject, job: JobObject): Promise<boolean> {
  try {
    await client.delete(JOBS, job.metadata.name, { namespace: job.metadata.namespace, propagationPolicy: "Background", preconditions: { uid: job.metadata.uid } });
  } catch (e) {
    if ((e as { code?: number }).code !== 404) {
      recorder.record(cj, "Warning", "FailedDelete", `Deleted job: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
  removeFromActive(cj, job.metadata.uid);
  recorder.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
  return true;
}

/** Keep at most successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs. */
export async function cleanupFinishedJobs(client: Client, recorder: Pick<EventRecorder, "record">, cj: CronJobObject, jobs: readonly JobObject[]): Promise<boolean> {
  const spec = cj.spec!;
  let changed = false;
  for (const [type, limit] of [["Complete", spec.successfulJobsHistoryLimit], ["Failed", spec.failedJobsHistoryLimit]] as const) {
    if (limit == null) continue;
    const finished = jobs.filter((j) => finishedType(j) === type).sort(byStartTime);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit))) if (await deleteJob(client, recorder, cj, j)) changed = true;
  }
  return changed;
}
