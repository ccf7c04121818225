// batch/v1: Job, CronJob (k8s.io/api batch/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const batch: GroupSpec = {
  Job: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "JobSpec"],
    3: ["status", "JobStatus"],
  },
  JobSpec: {
    1: ["parallelism", "int32", "ptr"],
    2: ["completions", "int32", "ptr"],
    3: ["activeDeadlineSeconds", "int64", "ptr"],
    11: ["podFailurePolicy", "PodFailurePolicy"],
    16: ["successPolicy", "SuccessPolicy"],
    7: ["backoffLimit", "int32", "ptr"],
    12: ["backoffLimitPerIndex", "int32", "ptr"],
    13: ["maxFailedIndexes", "int32", "ptr"],
    4: ["selector", "meta.LabelSelector"],
    5: ["manualSelector", "bool", "ptr"],
    6: ["template", "core.PodTemplateSpec"],
    8: ["ttlSecondsAfterFinished", "int32", "ptr"],
    9: ["completionMode", "string", "ptr"],
    10: ["suspend", "bool", "ptr"],
    14: ["podReplacementPolicy", "string", "ptr"],
    15: ["managedBy", "string", "ptr"],
  },
  PodFailurePolicy: {
    1: ["rules", "[]PodFailurePolicyRule"],
  },
  PodFailurePolicyRule: {
    1: ["action", "string", "req"],
    2: ["onExitCodes", "PodFailurePolicyOnExitCodesRequirement"],
    3: ["onPodConditions", "[]PodFailurePolicyOnPodConditionsPattern"],
  },
  PodFailurePolicyOnExitCodesRequirement: {
    1: ["containerName", "string", "ptr"],
    2: ["operator", "string", "req"],
    3: ["values", "[]int32"],
  },
  PodFailurePolicyOnPodConditionsPattern: {
    1: ["type", "string", "req"],
    2: ["status", "string"],
  },
  SuccessPolicy: {
    1: ["rules", "[]SuccessPolicyRule"],
  },
  SuccessPolicyRule: {
    1: ["succeededIndexes", "string", "ptr"],
    2: ["succeededCount", "int32", "ptr"],
  },
  // Status is shallow but complete enough for controllers that write it back.
  JobStatus: {
    1: ["conditions", "[]JobCondition"],
    2: ["startTime", "Time"],
    3: ["completionTime", "Time"],
    4: ["active", "int32"],
    5: ["succeeded", "int32"],
    6: ["failed", "int32"],
    11: ["terminating", "int32", "ptr"],
    7: ["completedIndexes", "string"],
    10: ["failedIndexes", "string", "ptr"],
    8: ["uncountedTerminatedPods", "UncountedTerminatedPods"],
    9: ["ready", "int32", "ptr"],
  },
  JobCondition: {
    1: ["type", "string", "req"],
    2: ["status", "string", "req"],
    3: ["lastProbeTime", "Time"],
    4: ["lastTransitionTime", "Time"],
    5: ["reason", "string"],
    6: ["message", "string"],
  },
  UncountedTerminatedPods: {
    1: ["succeeded", "[]string"],
    2: ["failed", "[]string"],
  },
  CronJob: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "CronJobSpec"],
    3: ["status", "CronJobStatus"],
  },
  CronJobSpec: {
    1: ["schedule", "string", "req"],
    8: ["timeZone", "string", "ptr"],
    2: ["startingDeadlineSeconds", "int64", "ptr"],
    3: ["concurrencyPolicy", "string"],
    4: ["suspend", "bool", "ptr"],
    5: ["jobTemplate", "JobTemplateSpec"],
    6: ["successfulJobsHistoryLimit", "int32", "ptr"],
    7: ["failedJobsHistoryLimit", "int32", "ptr"],
  },
  JobTemplateSpec: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "JobSpec"],
  },
  CronJobStatus: {
    1: ["active", "[]core.ObjectReference"],
    4: ["lastScheduleTime", "Time"],
    5: ["lastSuccessfulTime", "Time"],
  },
};
