// Counting finished pods without losing any (upstream's tracking with finalizers): a finished
// pod's uid goes into status.uncountedTerminatedPods first (written), then its
// batch.kubernetes.io/job-tracking finalizer comes off, then the uid moves into the
// succeeded/failed counters (written again). A crash between steps leaves the uid listed, so it
// is counted exactly once. Terminal conditions wait until nothing is uncounted or terminating.
import type { JobStatus } from "kubernetes-types/batch/v1";
import { isNotFound } from "../../../shared/client/index.ts";
import { canonicalJson } from "../history/hash.ts";
import { newCondition } from "./conditions.ts";
import { formatIndexes } from "./indexed.ts";
import type { SyncCtx } from "./manage.ts";
import { completionIndex, hasTrackingFinalizer, isIndexed, isPodFailed } from "./pods.ts";
import { FIELD_MANAGER, JOBS, PODS, TRACKING_FINALIZER, type JobDeps, type JobObject, type PodObject } from "./types.ts";

const MAX_UNCOUNTED = 500;

/** Move uncounted uids whose pods no longer hold a finalizer into the counters. */
function cleanUncounted(status: JobStatus, withFinalizer: ReadonlySet<string>): boolean {
  const u = (status as { uncountedTerminatedPods: { succeeded: string[]; failed: string[] } }).uncountedTerminatedPods;
  const s = u.succeeded.filter((uid) => withFinalizer.has(uid));
  const f = u.failed.filter((uid) => withFinalizer.has(uid));
  const changed = s.length !== u.succeeded.length || f.length !== u.failed.length;
  status.succeeded = (status.succeeded ?? 0) + u.succeeded.length - s.length;
  status.failed = (status.failed ?? 0) + u.failed.length - f.length;
  u.succeeded = s;
  u.failed = f;
  return changed;
}

/** The status as upstream serializes it: zero counters and empty uid lists are omitted. */
function forWrite(job: JobObject): JobObject {
  const status = structuredClone(job.status ?? {}) as JobStatus & Record<string, unknown>;
  for (const k of ["active", "succeeded", "failed"] as const) if (!status[k]) delete status[k];
  const u = (status.uncountedTerminatedPods ?? {}) as Record<string, string[] | undefined>;
  for (const k of ["succeeded", "failed"]) if (!u[k]?.length) delete u[k];
  status.uncountedTerminatedPods = u;
  return { ...job, status };
}

export async function writeStatus(d: JobDeps, job: JobObject): Promise<JobObject> {
  const out = await d.client.updateStatus<JobObject>(JOBS, forWrite(job), { fieldManager: FIELD_MANAGER });
  const u = ((out.status ??= {}).uncountedTerminatedPods ??= {}) as { succeeded?: string[]; failed?: string[] };
  u.succeeded ??= [];
  u.failed ??= [];
  return out;
}

export const statusDiffers = (a: JobObject, b: JobObject) => canonicalJson(forWrite(a).status) !== canonicalJson(forWrite(b).status);

async function removeFinalizers(d: JobDeps, ctx: SyncCtx, pods: readonly PodObject[]): Promise<{ removed: string[]; error?: unknown }> {
  const removed: string[] = [];
  let error: unknown;
  await Promise.all(
    pods.map(async (p) => {
      const patch = { metadata: { uid: p.metadata.uid, [`$deleteFromPrimitiveList/finalizers`]: [TRACKING_FINALIZER] } };
      try {
        await d.client.patch(PODS, p.metadata.name, patch, { type: "strategic", namespace: p.metadata.namespace, fieldManager: FIELD_MANAGER });
      } catch (e) {
        if (!isNotFound(e)) {
          error ??= e;
          return;
        }
      }
      removed.push(p.metadata.uid);
    }),
  );
  d.finalizers.expect(ctx.key, removed);
  return { removed, error };
}

function canRemoveFinalizer(ctx: SyncCtx, pod: PodObject, failed: boolean): boolean {
  return !!ctx.job.metadata.deletionTimestamp || !!ctx.finished || pod.status?.phase === "Succeeded" || failed;
}

/** Count finished pods, remove their finalizers, and write the status and terminal condition. */
export async function trackStatus(d: JobDeps, ctx: SyncCtx, cached: JobObject): Promise<void> {
  let job = ctx.job;
  const uncounted = job.status!.uncountedTerminatedPods as { succeeded: string[]; failed: string[] };
  const indexed = isIndexed(job);
  const completions = job.spec?.completions ?? 0;
  const tracked = (p: PodObject) => hasTrackingFinalizer(p) && !ctx.expectedRm.has(p.metadata.uid);
  const withFinalizer = new Set(ctx.pods.filter(tracked).map((p) => p.metadata.uid));
  let needsFlush = cleanUncounted(job.status!, withFinalizer);
  const toRemove: PodObject[] = [];
  const newIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of ctx.pods) {
    if (!tracked(pod)) continue;
    const uid = pod.metadata.uid;
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, failed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === "Succeeded" && !ctx.uncounted.failed.has(uid)) {
      const ix = completionIndex(pod);
      if (indexed) {
        if (ix >= 0 && ix < completions && !ctx.succeededIndexes?.previous.has(ix)) newIndexes.push(ix);
      } else if (!ctx.uncounted.succeeded.has(uid)) uncounted.succeeded.push(uid);
    } else if (failed || (ctx.finished && ctx.finished.type !== "SuccessCriteriaMet")) {
      // Once the Job is finishing, every pod that did not succeed counts as failed.
      const ix = completionIndex(pod);
      if (!ctx.uncounted.failed.has(uid) && (!indexed || (ix >= 0 && ix < completions))) uncounted.failed.push(uid);
    }
    if (newIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED) {
      reachedMax = true;
      break;
    }
  }
  if (indexed && ctx.succeededIndexes) {
    for (const ix of newIndexes) ctx.succeededIndexes.all.add(ix);
    job.status!.completedIndexes = formatIndexes(ctx.succeededIndexes.all);
    job.status!.succeeded = ctx.succeededIndexes.all.size;
  }
  const now = d.clock.now();
  if (ctx.finished?.type === "FailureTarget") {
    job.status!.conditions = [...(job.status!.conditions ?? []), ctx.finished];
    ctx.finished = newCondition("Failed", "True", ctx.finished.reason!, ctx.finished.message!, now);
  }
  if (ctx.finished?.type === "SuccessCriteriaMet") {
    if (!job.status!.conditions?.some((c) => c.type === "SuccessCriteriaMet")) job.status!.conditions = [...(job.status!.conditions ?? []), ctx.finished];
    ctx.finished = newCondition("Complete", "True", ctx.finished.reason!, ctx.finished.message!, now);
  }
  needsFlush ||= statusDiffers(job, cached);
  if (needsFlush) job = await writeStatus(d, job);
  const { removed, error } = toRemove.length ? await removeFinalizers(d, ctx, toRemove) : { removed: [] as string[], error: undefined };
  for (const uid of removed) withFinalizer.delete(uid);
  needsFlush = cleanUncounted(job.status!, withFinalizer);
  if (error) {
    if (needsFlush) await writeStatus(d, job);
    throw error;
  }
  const finishedNow = !reachedMax && enactFinished(ctx, job, now);
  if (needsFlush || finishedNow) job = await writeStatus(d, job);
  if (finishedNow) recordFinished(d, job, ctx);
  ctx.job = job;
}

function enactFinished(ctx: SyncCtx, job: JobObject, now: number): boolean {
  const f = ctx.finished;
  if (!f) return false;
  const u = job.status!.uncountedTerminatedPods!;
  if ((u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) > 0 || ctx.terminating > 0) return false;
  const list = (job.status!.conditions ??= []);
  const c = newCondition(f.type, "True", f.reason!, f.message!, now);
  const i = list.findIndex((x) => x.type === f.type);
  if (i >= 0) list[i] = c;
  else list.push(c);
  if (f.type === "Complete") job.status!.completionTime = c.lastTransitionTime;
  return true;
}

function recordFinished(d: JobDeps, job: JobObject, ctx: SyncCtx) {
  const f = ctx.finished!;
  if (f.type === "Complete") {
    const completions = job.spec?.completions;
    if (completions != null && (job.status?.succeeded ?? 0) > completions) {
      d.recorder.record(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
    }
    d.recorder.record(job, "Normal", "Completed", "Job completed");
  } else {
    d.recorder.record(job, "Warning", f.reason!, f.message!);
  }
  d.log("job finished", { job: ctx.key, condition: f.type, reason: f.reason });
}
