// batch/v1 CronJob: upstream's SetDefaults_CronJob, a parseable schedule (5 fields or an
// @-descriptor), a valid jobTemplate whose selector the Job will generate.
import type { CronJob, CronJobSpec } from "kubernetes-types/batch/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, nonNegative, oneOf, required, type StatusCause } from "./causes.ts";
import { CronError, isTimeZone, parseCron } from "./cron.ts";
import { validateJobSpecCommon } from "./job.ts";
import { validateObjectMeta } from "./meta.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";

export function defaultCronJob(cj: CronJob) {
  const spec = (cj.spec ??= {} as CronJobSpec);
  spec.concurrencyPolicy ||= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultPodTemplate(spec.jobTemplate?.spec?.template);
}

/** kubun has no CronJobs from before 1.25, so a TZ= prefix is never grandfathered in. */
function validateSchedule(schedule: string | undefined): StatusCause[] {
  if (!schedule) return [required("spec.schedule")];
  const causes: StatusCause[] = [];
  try {
    parseCron(schedule);
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    causes.push(cause.invalid("spec.schedule", schedule, e.message));
  }
  if (schedule.includes("TZ")) {
    causes.push(cause.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  return causes;
}

function validateCronJob(obj: KubeObject): StatusCause[] {
  const cj = obj as CronJob;
  const spec = cj.spec ?? ({} as CronJobSpec);
  const causes = validateObjectMeta(obj, true);
  const name = cj.metadata?.name ?? "";
  // Job names get an 11-character suffix and must stay a valid label.
  if (name.length > 52) causes.push(cause.invalid("metadata.name", name, "must be no more than 52 characters"));
  causes.push(...validateSchedule(spec.schedule));
  causes.push(...nonNegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (spec.timeZone !== undefined && !isTimeZone(spec.timeZone)) {
    causes.push(cause.invalid("spec.timeZone", spec.timeZone, `unknown time zone ${spec.timeZone}`));
  }
  causes.push(...oneOf(spec.concurrencyPolicy, "spec.concurrencyPolicy", ["Allow", "Forbid", "Replace"]));
  const jt = spec.jobTemplate?.spec;
  causes.push(...validateJobSpecCommon(jt, "spec.jobTemplate.spec"));
  if (jt?.selector) causes.push(cause.invalid("spec.jobTemplate.spec.selector", jt.selector, "`selector` will be auto-generated"));
  if (jt?.manualSelector) causes.push(cause.notSupported("spec.jobTemplate.spec.manualSelector", jt.manualSelector, ["nil", "false"]));
  causes.push(...nonNegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  causes.push(...nonNegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return causes;
}

export const cronJobStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultCronJob(obj as CronJob),
  validate: validateCronJob,
};
