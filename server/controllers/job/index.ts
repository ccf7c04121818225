// The Job controller: runs pods for batch/v1 Jobs until enough succeed (completions,
// parallelism, Indexed completion mode), or the Job fails (backoffLimit, activeDeadlineSeconds),
// counting finished pods through the job-tracking finalizer; suspend, ttlSecondsAfterFinished.
// Watch handlers only enqueue keys: Job keys for syncJob, pod keys for the orphan-finalizer sweep.
import { keyOf, Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { Expectations } from "../../../shared/controller/expectations.ts";
import { controllerKey, controllerOf } from "../../../shared/controller/pod-state.ts";
import { isJobFinished } from "./conditions.ts";
import { FinalizerExpectations } from "./finalizer-expectations.ts";
import { isOrphanTracked, syncOrphanPod } from "./orphans.ts";
import { hasTrackingFinalizer } from "./pods.ts";
import { syncJob } from "./sync.ts";
import { JOBS, PODS, type JobDeps, type JobObject, type PodObject } from "./types.ts";

export interface JobControllerOptions extends ReconcilerOptions {
  /** Pod recreation delay after failures (default 10 s doubling to 10 min, as upstream). */
  podFailureBackoff?: { baseMs: number; maxMs: number };
}

export function startJobController(opts: JobControllerOptions) {
  const base = new Reconciler(opts, "job");
  const { clock, log, recorder } = base;
  const jobs = opts.informers.for<JobObject>(JOBS);
  const pods = opts.informers.for<PodObject>(PODS);
  const deps: JobDeps = {
    client: opts.client,
    jobs,
    pods,
    recorder,
    clock,
    expectations: new Expectations({ clock }),
    finalizers: new FinalizerExpectations(),
    podFailureBackoff: opts.podFailureBackoff ?? { baseMs: 10_000, maxMs: 600_000 },
    log,
  };
  const controller = base.run({ workers: opts.workers ?? 5, informers: [jobs, pods], reconcile: (key) => syncJob(deps, key) });
  const orphans = base.run({ name: "job-orphan-pod", informers: [jobs, pods], reconcile: (key) => syncOrphanPod(deps, key) });

  const onJob = (job: JobObject) => {
    controller.enqueue(keyOf(job));
    if (job.metadata.deletionTimestamp || isJobFinished(job)) sweepPodsOf(job);
  };
  const sweepPodsOf = (job: JobObject) => {
    for (const p of pods.list()) if (p.metadata.namespace === job.metadata.namespace && controllerOf(p)?.uid === job.metadata.uid && hasTrackingFinalizer(p)) orphans.enqueue(keyOf(p));
  };
  const onPod = (pod: PodObject, old?: PodObject) => {
    for (const p of old ? [old, pod] : [pod]) {
      const key = controllerKey(p, "Job");
      if (key) controller.enqueue(key);
    }
    if (isOrphanTracked(deps, pod)) orphans.enqueue(keyOf(pod));
  };
  const unsubscribe = [
    jobs.on({ add: onJob, update: (_old, j) => onJob(j), delete: (j) => (controller.enqueue(keyOf(j)), sweepPodsOf(j)) }),
    pods.on({ add: (p) => onPod(p), update: (old, p) => onPod(p, old), delete: (p) => onPod(p) }),
  ];
  return { stop: () => base.stop(unsubscribe) };
}
