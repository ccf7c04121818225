// manageJob: keep min(parallelism, remaining completions) pods active — create the missing ones
// (slow start: batches of 1, 2, 4 … stop at the first failing batch; after pod failures only
// once the backoff delay passed), delete the surplus (not ready first), or delete everything
// while the Job is suspended. Deleted pods lose the tracking finalizer first: they are not
// failures.
import type { JobCondition } from "kubernetes-types/batch/v1";
import { isNotFound } from "../../../shared/client/index.ts";
import { isPodReady, removalOrder } from "../../../shared/controller/pod-state.ts";
import { podCreationDelay } from "./backoff.ts";
import { pendingIndexes, surplusIndexPods } from "./indexed.ts";
import { hasTrackingFinalizer, isIndexed, newJobPod, onlyReplaceFailed } from "./pods.ts";
import { FIELD_MANAGER, PODS, TRACKING_FINALIZER, type JobDeps, type JobObject, type PodObject } from "./types.ts";

const MAX_PER_SYNC = 500;

export interface SyncCtx {
  key: string;
  job: JobObject;
  pods: PodObject[];
  active: PodObject[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  /** The condition the Job is heading for (interim or final). */
  finished?: JobCondition;
  succeededIndexes?: { previous: Set<number>; all: Set<number> };
  /** Pods whose finalizer removal the cache does not show yet. */
  expectedRm: ReadonlySet<string>;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  requeueAfterMs?: number;
  error?: unknown;
}

export function requeueIn(ctx: SyncCtx, ms: number) {
  ctx.requeueAfterMs = Math.max(0, Math.min(ctx.requeueAfterMs ?? Infinity, ms));
}

/** Delete pods (optionally removing the tracking finalizer first); returns how many went and how many of those were ready. */
export async function deletePods(d: JobDeps, ctx: SyncCtx, pods: readonly PodObject[], dropFinalizer: boolean): Promise<{ deleted: number; deletedReady: number }> {
  let deleted = 0;
  let deletedReady = 0;
  await Promise.all(
    pods.map(async (p) => {
      const ns = p.metadata.namespace;
      try {
        if (dropFinalizer && hasTrackingFinalizer(p)) {
          const patch = { metadata: { uid: p.metadata.uid, [`$deleteFromPrimitiveList/finalizers`]: [TRACKING_FINALIZER] } };
          await d.client.patch(PODS, p.metadata.name, patch, { type: "strategic", namespace: ns, fieldManager: FIELD_MANAGER });
        }
        await d.client.delete(PODS, p.metadata.name, { namespace: ns, preconditions: { uid: p.metadata.uid } });
        d.expectations.deleted(ctx.key, p.metadata.name, p.metadata.uid);
        d.recorder.record(ctx.job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (!isNotFound(e)) {
          d.recorder.record(ctx.job, "Warning", "FailedDelete", `Error deleting: ${e instanceof Error ? e.message : String(e)}`);
          ctx.error ??= e;
          return;
        }
      }
      deleted++;
      if (isPodReady(p)) deletedReady++;
    }),
  );
  return { deleted, deletedReady };
}

async function removePods(d: JobDeps, ctx: SyncCtx, pods: readonly PodObject[], active: number): Promise<number> {
  const { deleted, deletedReady } = await deletePods(d, ctx, pods.slice(0, MAX_PER_SYNC), true);
  ctx.terminating += deleted;
  ctx.ready -= deletedReady;
  return active - deleted;
}

/** Returns the number of active pods afterwards. */
export async function manageJob(d: JobDeps, ctx: SyncCtx): Promise<number> {
  const job = ctx.job;
  const spec = job.spec!;
  let active = ctx.active.length;
  if (spec.suspend) return removePods(d, ctx, [...ctx.active].sort(removalOrder), active);

  const parallelism = spec.parallelism ?? 1;
  let want: number;
  if (spec.completions == null) want = ctx.succeeded > 0 ? active : parallelism;
  else want = Math.max(0, Math.min(spec.completions - ctx.succeeded, parallelism));

  const rmAtLeast = Math.max(0, active - want);
  let rm: PodObject[] = isIndexed(job) ? surplusIndexPods(ctx.active, ctx.succeededIndexes?.all ?? new Set(), spec.completions ?? 0) : [];
  if (rm.length < rmAtLeast) {
    const left = [...ctx.active].filter((p) => !rm.includes(p)).sort(removalOrder);
    rm = [...rm, ...left.slice(0, rmAtLeast - rm.length)];
  }
  // Deleting takes precedence over creating in one sync, as upstream.
  if (rm.length) return removePods(d, ctx, rm, active);

  const terminating = onlyReplaceFailed(job) ? ctx.terminating : 0;
  let diff = Math.min(want - terminating - active, MAX_PER_SYNC);
  if (diff <= 0) return active;
  const now = d.clock.now();
  const delay = podCreationDelay(job, ctx.pods, now, d.podFailureBackoff.baseMs, d.podFailureBackoff.maxMs);
  if (delay > 0) {
    requeueIn(ctx, delay);
    return active;
  }
  const indexes = isIndexed(job) ? pendingIndexes(ctx.active, ctx.succeededIndexes?.all ?? new Set(), diff, spec.completions ?? 0) : undefined;
  if (indexes) diff = indexes.length;
  for (let batch = Math.min(1, diff), done = 0; done < diff; batch = Math.min(2 * batch, diff - done)) {
    const results = await Promise.all(
      Array.from({ length: batch }, (_, i) => createPod(d, ctx, indexes?.[done + i])),
    );
    done += batch;
    active += results.filter(Boolean).length;
    if (results.some((ok) => !ok)) break;
  }
  return active;
}

async function createPod(d: JobDeps, ctx: SyncCtx, index: number | undefined): Promise<boolean> {
  try {
    const pod = await d.client.create<PodObject>(PODS, newJobPod(ctx.job, index), { fieldManager: FIELD_MANAGER });
    d.expectations.created(ctx.key, pod.metadata.name);
    d.recorder.record(ctx.job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
    return true;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    d.recorder.record(ctx.job, "Warning", "FailedCreate", `Error creating: ${msg}`);
    ctx.error ??= e;
    return false;
  }
}
