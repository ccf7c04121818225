// Schema data: batch/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.batch.v1",
    types: {
      Job: {
        d: "Runs pods until a number of them complete successfully.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "JobSpec; Desired behaviour of the job.",
          status: "JobStatus; Current state of the job.",
        },
      },
      CronJob: {
        d: "Creates jobs on a repeating schedule.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "CronJobSpec; Schedule and job template.",
          status: "CronJobStatus; Currently running jobs and last schedule time.",
        },
      },
      JobSpec: {
        d: "Desired behaviour of a job.",
        req: ["template"],
        f: {
          activeDeadlineSeconds: "int64; Seconds the job may run before it is terminated.",
          backoffLimit: "int32; Retries before the job is marked failed; default 6.",
          backoffLimitPerIndex: "int32; Retries per index, for Indexed jobs.",
          completionMode: "string; NonIndexed (default) or Indexed.",
          completions: "int32; Successful pods needed; default 1.",
          managedBy: "string; Controller that manages the job; empty for the built-in one.",
          manualSelector: "boolean; Let the user set the selector instead of generating it.",
          maxFailedIndexes: "int32; Failed indexes tolerated before the job fails.",
          parallelism: "int32; Maximum pods running at once; default 1.",
          podFailurePolicy: "PodFailurePolicy; Rules for handling failed pods.",
          podReplacementPolicy: "string; When replacement pods are created: TerminatingOrFailed or Failed.",
          selector: "LabelSelector; Label query over the job's pods; normally generated.",
          successPolicy: "SuccessPolicy; Rules that declare the job succeeded early.",
          suspend: "boolean; Suspend the job; running pods are terminated.",
          template: "core.PodTemplateSpec; Pod template; restartPolicy must be OnFailure or Never.",
          ttlSecondsAfterFinished: "int32; Seconds after finishing before the job is deleted.",
        },
      },
      JobStatus: {
        d: "Observed state of a job.",
        f: {
          active: "int32; Pods running.",
          completedIndexes: "string; Completed indexes, for Indexed jobs, e.g. 1,3-5.",
          completionTime: "Time; When the job completed.",
          conditions: "[]JobCondition; Conditions such as Complete, Failed or Suspended.",
          failed: "int32; Pods that failed.",
          failedIndexes: "string; Failed indexes, with backoffLimitPerIndex.",
          ready: "int32; Pods that are ready.",
          startTime: "Time; When the job controller started the job.",
          succeeded: "int32; Pods that succeeded.",
          terminating: "int32; Pods that are terminating.",
          uncountedTerminatedPods: "UncountedTerminatedPods; Finished pods not yet counted in the status.",
        },
      },
      CronJobSpec: {
        d: "Desired behaviour of a cron job.",
        req: ["jobTemplate",  "schedule"],
        f: {
          concurrencyPolicy: "string; Allow (default), Forbid or Replace concurrent runs.",
          failedJobsHistoryLimit: "int32; Failed jobs to keep; default 1.",
          jobTemplate: "JobTemplateSpec; Template of the jobs to create.",
          schedule: "string; Schedule in cron format, e.g. */5 * * * *.",
          startingDeadlineSeconds: "int64; Seconds a missed run may still start late.",
          successfulJobsHistoryLimit: "int32; Successful jobs to keep; default 3.",
          suspend: "boolean; Suspend future runs.",
          timeZone: "string; Time zone name for the schedule, e.g. Etc/UTC.",
        },
      },
      CronJobStatus: {
        d: "Observed state of a cron job.",
        f: {
          active: "[]core.ObjectReference; Jobs currently running.",
          lastScheduleTime: "Time; When a job was last scheduled.",
          lastSuccessfulTime: "Time; When a job last completed successfully.",
        },
      },
      PodFailurePolicy: {
        d: "Rules that decide what a failed pod means for a job.",
        req: ["rules"],
        f: {
          rules: "[]PodFailurePolicyRule; Rules, evaluated in order.",
        },
      },
      SuccessPolicy: {
        d: "Rules that mark a job succeeded before all pods finish.",
        req: ["rules"],
        f: {
          rules: "[]SuccessPolicyRule; Rules; the first one met succeeds the job.",
        },
      },
      JobCondition: {
        d: "One aspect of a job's state.",
        req: ["status",  "type"],
        f: {
          lastProbeTime: "Time; When the condition was last checked.",
          lastTransitionTime: "Time; When the condition last changed status.",
          message: "string; Human-readable details about the last transition.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.",
        },
      },
      UncountedTerminatedPods: {
        d: "UIDs of finished pods not yet counted.",
        f: {
          failed: "[]string; UIDs of failed pods.",
          succeeded: "[]string; UIDs of succeeded pods.",
        },
      },
      JobTemplateSpec: {
        d: "Template of the jobs a cron job creates.",
        f: {
          metadata: "ObjectMeta; Labels and annotations of the created jobs.",
          spec: "JobSpec; Spec of the created jobs.",
        },
      },
      PodFailurePolicyRule: {
        d: "One pod failure rule.",
        req: ["action"],
        f: {
          action: "string; FailJob, FailIndex, Ignore or Count.",
          onExitCodes: "PodFailurePolicyOnExitCodesRequirement; Match on container exit codes.",
          onPodConditions: "[]PodFailurePolicyOnPodConditionsPattern; Match on pod conditions.",
        },
      },
      SuccessPolicyRule: {
        d: "One success rule.",
        f: {
          succeededCount: "int32; Minimum number of succeeded indexes.",
          succeededIndexes: "string; Indexes that must succeed.",
        },
      },
      PodFailurePolicyOnExitCodesRequirement: {
        d: "An exit-code match.",
        req: ["operator",  "values"],
        f: {
          containerName: "string; Container to check; all when empty.",
          operator: "string; In or NotIn.",
          values: "[]int32; Exit codes.",
        },
      },
      PodFailurePolicyOnPodConditionsPattern: {
        d: "A pod-condition match.",
        req: ["status",  "type"],
        f: {
          status: "string; Required condition status.",
          type: "string; Condition type, e.g. DisruptionTarget.",
        },
      },
    },
  },
];
