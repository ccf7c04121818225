// Job conditions as the 1.33 controller writes them: interim SuccessCriteriaMet / FailureTarget
// first (while pods still finish and finalizers come off), then Complete / Failed with the same
// reason and message; Suspended toggles with suspend.
import type { JobCondition } from "kubernetes-types/batch/v1";
import { rfc3339 } from "../../../shared/controller/pod-state.ts";
import type { JobObject } from "./types.ts";

export const COMPLETIONS_REACHED = { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" };
export const BACKOFF_LIMIT_EXCEEDED = { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
export const DEADLINE_EXCEEDED = { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };

export function newCondition(type: string, status: string, reason: string, message: string, now: number): JobCondition {
  const t = rfc3339(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export const findCondition = (list: readonly JobCondition[] | undefined, type: string) => list?.find((c) => c.type === type);

const isTrue = (job: JobObject, type: string) => findCondition(job.status?.conditions, type)?.status === "True";

/** Complete or Failed is True: the controller is done with it. */
export const isJobFinished = (job: JobObject) => isTrue(job, "Complete") || isTrue(job, "Failed");

export const isJobSucceeded = (job: JobObject) => isTrue(job, "Complete");

/** The condition that finished the Job, if any. */
export const finishedCondition = (job: JobObject) =>
  job.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");

/**
 * Upstream's ensureJobConditionStatus: set a condition of `type` to status/reason/message (a new
 * transition time only when something changed); a False condition is never added. Returns
 * whether the list changed.
 */
export function ensureCondition(job: JobObject, type: string, status: string, reason: string, message: string, now: number): boolean {
  const list = (job.status ??= {}).conditions ?? [];
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status === status && c.reason === reason && c.message === message) return false;
    list[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === "False") return false;
  job.status.conditions = [...list, newCondition(type, status, reason, message, now)];
  return true;
}
