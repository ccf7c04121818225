// syncJob: the Job controller's level-triggered reconcile of one key. It reads the Job and its pods
// from the caches, decides whether the Job succeeded (completions reached), failed (backoffLimit,
// activeDeadlineSeconds) or needs pods created/deleted (manage.ts), and tracks finished pods and
// the status (tracking.ts). Expectations keep it from acting twice on a stale cache.
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { isPodActive, isPodReady, isPodTerminating, rfc3339 } from "../../../shared/controller/pod-state.ts";
import { BACKOFF_LIMIT_EXCEEDED, COMPLETIONS_REACHED, DEADLINE_EXCEEDED, ensureCondition, findCondition, isJobFinished, newCondition } from "./conditions.ts";
import { succeededIndexes } from "./indexed.ts";
import { deletePods, manageJob, requeueIn, type SyncCtx } from "./manage.ts";
import { completionIndex, hasTrackingFinalizer, isIndexed, isPodFailed, podsOf, restartsOfLivePods } from "./pods.ts";
import { trackStatus } from "./tracking.ts";
import { ttlRemaining } from "./ttl.ts";
import type { JobDeps, JobObject, PodObject } from "./types.ts";

export async function syncJob(d: JobDeps, key: string): Promise<ReconcileResult | void> {
  const cached = d.jobs.get(key);
  if (!cached) {
    d.expectations.forget(key);
    d.finalizers.forget(key);
    return;
  }
  if (isJobFinished(cached)) return ttlRemaining(d, cached);
  if (cached.spec?.managedBy && cached.spec.managedBy !== "kubernetes.io/job-controller") return;
  const job = structuredClone(cached) as JobObject;
  const status = (job.status ??= {});
  const u = (status.uncountedTerminatedPods ??= {});
  u.succeeded ??= [];
  u.failed ??= [];
  const ns = job.metadata.namespace;
  const satisfied = d.expectations.satisfied(key, (name) => {
    const p = d.pods.get(`${ns}/${name}`);
    return p && { uid: p.metadata.uid, deleting: !!p.metadata.deletionTimestamp };
  });
  const pods = podsOf(d, job);
  const byUid = new Map(pods.map((p) => [p.metadata.uid, p]));
  const expectedRm = d.finalizers.pending(key, (uid) => {
    const p = byUid.get(uid);
    return !!p && hasTrackingFinalizer(p);
  });
  const active = pods.filter(isPodActive);
  const ctx: SyncCtx = {
    key,
    job,
    pods,
    active,
    succeeded: 0,
    failed: 0,
    ready: active.filter(isPodReady).length,
    terminating: pods.filter(isPodTerminating).length,
    expectedRm,
    uncounted: { succeeded: new Set(u.succeeded), failed: new Set(u.failed) },
  };
  const fresh = (p: PodObject, seen: Set<string>) => hasTrackingFinalizer(p) && !seen.has(p.metadata.uid) && !expectedRm.has(p.metadata.uid) && validIndex(job, p);
  const newSucceeded = pods.filter((p) => fresh(p, ctx.uncounted.succeeded) && p.status?.phase === "Succeeded");
  const newFailed = pods.filter((p) => fresh(p, ctx.uncounted.failed) && isPodFailed(p, job));
  ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncounted.succeeded.size;
  ctx.failed = (status.failed ?? 0) + newFailed.length + ctx.uncounted.failed.size;

  const now = d.clock.now();
  const spec = job.spec!;
  if (!status.startTime && !spec.suspend) status.startTime = rfc3339(now);
  decideFinish(ctx, now);
  if (isIndexed(job)) {
    ctx.succeededIndexes = succeededIndexes(job, pods);
    ctx.succeeded = ctx.succeededIndexes.all.size;
  }

  let activeCount = active.length;
  if (ctx.finished) {
    // Failing: delete what still runs (finalizers stay, so they count as failed).
    const { deleted, deletedReady } = await deletePods(d, ctx, active, false);
    if (deleted !== active.length || !satisfied) ctx.finished = undefined;
    activeCount -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
  } else {
    let managed = false;
    if (satisfied && !job.metadata.deletionTimestamp) {
      activeCount = await manageJob(d, ctx);
      managed = true;
    }
    const complete = spec.completions == null ? ctx.succeeded > 0 && activeCount === 0 : ctx.succeeded >= spec.completions && activeCount === 0;
    if (complete) ctx.finished = newCondition("SuccessCriteriaMet", "True", COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message, now);
    else if (managed) suspendConditions(d, ctx, now);
  }
  status.active = activeCount;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  await trackStatus(d, ctx, cached);
  if (ctx.error) throw ctx.error;
  if (ctx.requeueAfterMs !== undefined) return { requeueAfterMs: ctx.requeueAfterMs };
}

function validIndex(job: JobObject, p: PodObject): boolean {
  if (!isIndexed(job)) return true;
  const ix = completionIndex(p);
  return ix >= 0 && ix < (job.spec?.completions ?? 0);
}

/** The failure (or earlier success) that decides the Job's end, if any; else when to look at the deadline. */
function decideFinish(ctx: SyncCtx, now: number) {
  const job = ctx.job;
  const spec = job.spec!;
  const conds = job.status?.conditions;
  const met = findCondition(conds, "SuccessCriteriaMet");
  if (met?.status === "True") {
    ctx.finished = met;
    return;
  }
  const target = findCondition(conds, "FailureTarget");
  if (target?.status === "True") {
    ctx.finished = newCondition("Failed", "True", target.reason ?? "", target.message ?? "", now);
    return;
  }
  const backoffLimit = spec.backoffLimit ?? 6;
  const restarts = spec.template.spec?.restartPolicy === "OnFailure" ? restartsOfLivePods(ctx.pods) : 0;
  const pastOnFailure = spec.template.spec?.restartPolicy === "OnFailure" && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
  if (ctx.failed > backoffLimit || pastOnFailure) {
    ctx.finished = newCondition("FailureTarget", "True", BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message, now);
    return;
  }
  const ads = spec.activeDeadlineSeconds;
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : undefined;
  if (ads == null || start === undefined || spec.suspend) return;
  const left = start + ads * 1000 - now;
  if (left <= 0) ctx.finished = newCondition("FailureTarget", "True", DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message, now);
  else requeueIn(ctx, left);
}

function suspendConditions(d: JobDeps, ctx: SyncCtx, now: number) {
  const job = ctx.job;
  if (job.spec?.suspend) {
    if (ensureCondition(job, "Suspended", "True", "JobSuspended", "Job suspended", now)) d.recorder.record(job, "Normal", "Suspended", "Job suspended");
  } else if (ensureCondition(job, "Suspended", "False", "JobResumed", "Job resumed", now)) {
    d.recorder.record(job, "Normal", "Resumed", "Job resumed");
    // Resuming restarts the activeDeadlineSeconds clock, as upstream.
    job.status!.startTime = rfc3339(now);
  }
}
