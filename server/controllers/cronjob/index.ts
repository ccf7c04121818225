// The CronJob controller: starts a Job at each schedule time of a batch/v1 CronJob (5-field
// schedules and @-descriptors, spec.timeZone), with concurrencyPolicy, startingDeadlineSeconds,
// suspend and history limits. The clock is injected; a key is requeued for its next schedule time.
import type { Client } from "../../../shared/client/index.ts";
import { EventRecorder, keyOf, realClock, runController, type Clock, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import { controllerOf } from "../../../shared/controller/pod-state.ts";
import type { Logger } from "../../../shared/log.ts";
import { CRONJOBS, JOBS, type CronJobObject, type JobObject } from "./jobs.ts";
import { syncCronJob, type CronJobDeps } from "./sync.ts";

export interface CronJobControllerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
  clock?: Clock;
}

export function startCronJobController(opts: CronJobControllerOptions) {
  const log = opts.log.with({ controller: "cronjob" });
  const clock = opts.clock ?? realClock;
  const cronJobs = opts.informers.for<CronJobObject>(CRONJOBS);
  const jobs = opts.informers.for<JobObject>(JOBS);
  const recorder = new EventRecorder({ client: opts.client, component: "cronjob-controller", clock, log });
  const deps: CronJobDeps = { client: opts.client, cronJobs, jobs, recorder, clock, log };
  const controller = runController<string>({
    name: "cronjob",
    workers: opts.workers ?? 5,
    queue: { ...opts.queue, clock: opts.queue?.clock ?? clock },
    log: opts.log,
    ready: () => Promise.all([cronJobs.waitForSync(), jobs.waitForSync()]).then(() => undefined),
    reconcile: (key) => syncCronJob(deps, key),
  });
  const onJob = (j: JobObject) => {
    const ref = controllerOf(j);
    if (ref?.kind === "CronJob") controller.enqueue(`${j.metadata.namespace}/${ref.name}`);
  };
  const unsubscribe = [
    cronJobs.on({ add: (c) => controller.enqueue(keyOf(c)), update: (_o, c) => controller.enqueue(keyOf(c)) }),
    jobs.on({ add: onJob, update: (_o, j) => onJob(j), delete: onJob }),
  ];
  return {
    async stop() {
      for (const u of unsubscribe) u();
      await controller.stop();
      await recorder.flush();
    },
  };
}
