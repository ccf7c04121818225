// The CronJob controller: starts a Job at each schedule time of a batch/v1 CronJob (5-field
// schedules and @-descriptors, spec.timeZone), with concurrencyPolicy, startingDeadlineSeconds,
// suspend and history limits. The clock is injected; a key is requeued for its next schedule time.
import { keyOf, onEveryChange, Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { controllerKey } from "../../../shared/controller/pod-state.ts";
import { CRONJOBS, JOBS, type CronJobObject, type JobObject } from "./jobs.ts";
import { syncCronJob, type CronJobDeps } from "./sync.ts";

export type CronJobControllerOptions = ReconcilerOptions;

export function startCronJobController(opts: CronJobControllerOptions) {
  const base = new Reconciler(opts, "cronjob");
  const { clock, log, recorder } = base;
  const cronJobs = opts.informers.for<CronJobObject>(CRONJOBS);
  const jobs = opts.informers.for<JobObject>(JOBS);
  const deps: CronJobDeps = { client: opts.client, cronJobs, jobs, recorder, clock, log };
  const controller = base.run({ workers: opts.workers ?? 5, informers: [cronJobs, jobs], reconcile: (key) => syncCronJob(deps, key) });
  const onJob = (j: JobObject) => {
    const key = controllerKey(j, "CronJob");
    if (key) controller.enqueue(key);
  };
  const unsubscribe = [
    cronJobs.on({ add: (c) => controller.enqueue(keyOf(c)), update: (_o, c) => controller.enqueue(keyOf(c)) }),
    jobs.on(onEveryChange(onJob)),
  ];
  return { stop: () => base.stop(unsubscribe) };
}
