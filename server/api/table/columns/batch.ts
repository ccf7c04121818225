// batch/v1: jobs (Status column as in kubectl 1.32+) and cronjobs.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { between, since } from "../duration.ts";
import { arr, boolText, conditionStatus, containerCells, formatLabelSelector, get, num, str } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf, wideSelectorColumn, wideTemplateColumns } from "./common.ts";

const isTrue = (o: KubeObject, type: string) => conditionStatus(get(o, "status.conditions"), type) === "True";

export function jobStatus(job: KubeObject): string {
  if (isTrue(job, "Complete")) return "Complete";
  if (isTrue(job, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp != null) return "Terminating";
  if (isTrue(job, "Suspended")) return "Suspended";
  if (isTrue(job, "FailureTarget")) return "FailureTarget";
  return "Running";
}

export function jobCompletions(job: KubeObject): string {
  const succeeded = num(get(job, "status.succeeded"));
  const completions = get(job, "spec.completions");
  if (typeof completions === "number") return `${succeeded}/${completions}`;
  const parallelism = num(get(job, "spec.parallelism"));
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: KubeObject, now: Date): string {
  const start = get(job, "status.startTime");
  if (start == null) return "";
  const end = get(job, "status.completionTime");
  return end == null ? since(start, now) : between(start, end);
}

export const jobPrinter: Printer = {
  columns: [
    nameColumn,
    column("Status", "Complete, Failed, Terminating, Suspended, FailureTarget or Running."),
    column("Completions", "Succeeded pods out of the required completions."),
    column("Duration", "How long the job ran, or has been running."),
    ageColumn,
    ...wideTemplateColumns,
    wideSelectorColumn,
  ],
  cells(job: KubeObject, ctx: PrintContext) {
    return [
      nameOf(job),
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, ctx.now),
      ageOf(job, ctx),
      ...containerCells(get(job, "spec.template.spec")),
      formatLabelSelector(get(job, "spec.selector")),
    ];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    nameColumn,
    column("Schedule", "Cron schedule the jobs are created on."),
    column("Timezone", "Time zone the schedule is evaluated in."),
    column("Suspend", "Whether new runs are suspended.", { type: "boolean" }),
    column("Active", "Number of jobs currently running.", { type: "integer" }),
    column("Last Schedule", "Time since a job was last scheduled."),
    ageColumn,
    ...wideTemplateColumns,
    wideSelectorColumn,
  ],
  cells(cj: KubeObject, ctx: PrintContext) {
    const last = get(cj, "status.lastScheduleTime");
    return [
      nameOf(cj),
      str(get(cj, "spec.schedule")),
      str(get(cj, "spec.timeZone")) || "<none>",
      boolText(get(cj, "spec.suspend")),
      arr(get(cj, "status.active")).length,
      last == null ? "<none>" : since(last, ctx.now),
      ageOf(cj, ctx),
      ...containerCells(get(cj, "spec.jobTemplate.spec.template.spec")),
      formatLabelSelector(get(cj, "spec.jobTemplate.spec.selector")),
    ];
  },
};
