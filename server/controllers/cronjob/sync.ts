// syncCronJob: the CronJob controller's reconcile of one key (upstream's ControllerV2). It brings
// status.active and lastSuccessfulTime in line with the Jobs it owns, then — unless suspended —
// starts the Job of the most recent unmet schedule time (honouring startingDeadlineSeconds and
// concurrencyPolicy), prunes finished Jobs past the history limits, and asks to be woken at the
// next schedule time.
import { isAlreadyExists, type Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder, ReconcileResult } from "../../../shared/controller/index.ts";
import type { ReadCache } from "../../../shared/controller/fake-api.ts";
import { isControlledBy, rfc3339 } from "../../../shared/controller/pod-state.ts";
import type { Logger } from "../../../shared/log.ts";
import { canonicalJson } from "../history/hash.ts";
import {
  cleanupFinishedJobs, CRONJOBS, deleteJob, FIELD_MANAGER, finishedType, inActiveList, JOBS, jobFromTemplate, jobName, refOf, removeFromActive, type CronJobObject, type JobObject,
} from "./jobs.ts";
import { mostRecentScheduleTime, nextScheduleDelay, scheduleOf, type Schedule } from "./schedule.ts";

export interface CronJobDeps {
  client: Client;
  cronJobs: ReadCache<CronJobObject>;
  jobs: ReadCache<JobObject>;
  recorder: Pick<EventRecorder, "record">;
  clock: Clock;
  log: Logger;
}

const rfc1123z = (ms: number) => {
  const d = new Date(ms);
  const [wd, day, mon, year, time] = d.toUTCString().replace(",", "").split(" ");
  return `${wd}, ${day} ${mon} ${year} ${time} +0000`;
};

export async function syncCronJob(d: CronJobDeps, key: string): Promise<ReconcileResult | void> {
  const cached = d.cronJobs.get(key);
  if (!cached) return;
  const cj = structuredClone(cached) as CronJobObject;
  const jobs = d.jobs.list().filter((j) => j.metadata.namespace === cj.metadata.namespace && isControlledBy(j, cj));
  const { requeueAfterMs, changed } = await reconcileActive(d, cj, jobs);
  let current = cj;
  if (changed && canonicalJson(cj.status ?? {}) !== canonicalJson(cached.status ?? {})) current = await writeStatus(d, cj);
  if (await cleanupFinishedJobs(d.client, d.recorder, current, jobs)) await writeStatus(d, current);
  if (requeueAfterMs !== undefined) return { requeueAfterMs };
}

async function writeStatus(d: CronJobDeps, cj: CronJobObject): Promise<CronJobObject> {
  const out = await d.client.updateStatus<CronJobObject>(CRONJOBS, cj, { fieldManager: FIELD_MANAGER });
  return { ...out, kind: cj.kind, apiVersion: cj.apiVersion };
}

async function reconcileActive(d: CronJobDeps, cj: CronJobObject, jobs: readonly JobObject[]): Promise<{ requeueAfterMs?: number; changed: boolean }> {
  const now = d.clock.now();
  const status = (cj.status ??= {});
  let changed = false;
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid);
    const found = inActiveList(cj, j.metadata.uid);
    const finished = finishedType(j);
    if (!found && !finished) {
      d.recorder.record(cj, "Warning", "UnexpectedJob", `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
    } else if (found && finished) {
      removeFromActive(cj, j.metadata.uid);
      d.recorder.record(cj, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, status: ${finished}`);
      changed = true;
    }
    if (finished === "Complete" && j.status?.completionTime) {
      const last = status.lastSuccessfulTime;
      if (!last || Date.parse(j.status.completionTime) > Date.parse(last)) {
        status.lastSuccessfulTime = j.status.completionTime;
        changed = true;
      }
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (children.has(ref.uid ?? "")) continue;
    // Not in the cache: ask the API before calling it missing (the cache may lag).
    const live = await d.client.get<JobObject>(JOBS, ref.name ?? "", { namespace: ref.namespace }).catch((e) => (e.code === 404 ? undefined : Promise.reject(e)));
    if (!live || live.metadata.uid !== ref.uid) {
      d.recorder.record(cj, "Normal", "MissingJob", `Active job went missing: ${ref.name}`);
      removeFromActive(cj, ref.uid ?? "");
      changed = true;
    }
  }
  if (cj.metadata.deletionTimestamp) return { changed };
  if (cj.spec?.suspend) return { changed };

  let sched: Schedule;
  try {
    sched = scheduleOf(cj);
  } catch (e) {
    d.recorder.record(cj, "Warning", "UnparseableSchedule", `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${e instanceof Error ? e.message : String(e)}`);
    return { changed };
  }
  const next = () => nextScheduleDelay(cj, now, sched);
  const recent = mostRecentScheduleTime(cj, now, sched);
  if (recent.missed > 100) {
    d.recorder.record(cj, "Warning", "TooManyMissedTimes", `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
  }
  const scheduled = recent.mostRecent;
  if (scheduled === undefined) return { requeueAfterMs: next(), changed };
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null && scheduled + sds * 1000 < now) {
    d.recorder.record(cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return { requeueAfterMs: next(), changed };
  }
  const name = jobName(cj, scheduled);
  if ((status.active ?? []).some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)) {
    return { requeueAfterMs: next(), changed };
  }
  const policy = cj.spec?.concurrencyPolicy ?? "Allow";
  if (policy === "Forbid" && (status.active ?? []).length > 0) {
    d.recorder.record(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
    return { requeueAfterMs: next(), changed };
  }
  if (policy === "Replace") {
    for (const ref of [...(status.active ?? [])]) {
      const j = d.jobs.get(`${ref.namespace}/${ref.name}`) ?? (await d.client.get<JobObject>(JOBS, ref.name ?? "", { namespace: ref.namespace }));
      if (!(await deleteJob(d.client, d.recorder, cj, j))) throw new Error(`could not replace job ${ref.namespace}/${ref.name}`);
      changed = true;
    }
  }
  let created: JobObject;
  try {
    created = await d.client.create<JobObject>(JOBS, jobFromTemplate(cj, scheduled, sched.timeZone), { fieldManager: FIELD_MANAGER });
    d.recorder.record(cj, "Normal", "SuccessfulCreate", `Created job ${created.metadata.name}`);
  } catch (e) {
    if (!isAlreadyExists(e)) {
      d.recorder.record(cj, "Warning", "FailedCreate", `Error creating job: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    // Created before, but the status write was lost: take it into the active list again.
    created = await d.client.get<JobObject>(JOBS, name, { namespace: cj.metadata.namespace });
    if (!isControlledBy(created, cj) || inActiveList(cj, created.metadata.uid)) return { changed };
  }
  status.active = [...(status.active ?? []), refOf(created)];
  status.lastScheduleTime = rfc3339(scheduled);
  return { requeueAfterMs: next(), changed: true };
}
