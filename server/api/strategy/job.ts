// batch/v1 Job: upstream's SetDefaults_Job, the selector and labels the API server generates on
// create, validation, and what an update may change.
//
// The generated selector needs the Job's uid: the create handler assigns metadata.uid before it
// runs defaults, so `defaults` can select `batch.kubernetes.io/controller-uid=<uid>` and label the
// template with it (plus `controller-uid`, `job-name` and `batch.kubernetes.io/job-name`).
import type { Job, JobSpec } from "kubernetes-types/batch/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { labelSelectorFromObject, SelectorError } from "../../../shared/selectors/index.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, nonNegative, oneOf, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDNS1123Label } from "./names.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";
import { validatePodTemplate } from "./pod-validation.ts";
import { validateLabelSelector } from "./selector.ts";

export const controllerUidLabel = "batch.kubernetes.io/controller-uid";
export const legacyControllerUidLabel = "controller-uid";
export const jobNameLabel = "batch.kubernetes.io/job-name";
export const legacyJobNameLabel = "job-name";

/** Defaults for a JobSpec inside a Job (CronJob templates get only the pod template defaults). */
function defaultJobSpec(spec: JobSpec) {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) c.status ||= "True";
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  defaultPodTemplate(spec.template);
}

/** The selector and template labels the API server adds unless `manualSelector` is true. */
function generateSelector(job: Job) {
  const spec = job.spec!;
  const uid = job.metadata?.uid;
  const name = job.metadata?.name;
  if (spec.manualSelector || !uid || !name || !spec.template) return;
  const labels = ((spec.template.metadata ??= {}).labels ??= {});
  for (const k of [legacyJobNameLabel, jobNameLabel]) labels[k] ??= name;
  for (const k of [legacyControllerUidLabel, controllerUidLabel]) labels[k] ??= uid;
  const sel = (spec.selector ??= {});
  (sel.matchLabels ??= {})[controllerUidLabel] ??= uid;
}

export function defaultJob(job: Job) {
  const spec = (job.spec ??= {} as JobSpec);
  defaultJobSpec(spec);
  generateSelector(job);
  // A Job without labels takes its template's (generated ones included). Upstream gets there
  // because defaulting runs again when the Job is read back from storage; kubun defaults on write.
  const tlabels = spec.template?.metadata?.labels;
  if (tlabels && Object.keys(tlabels).length && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    (job.metadata ??= {}).labels = { ...tlabels };
  }
}

/** The checks a JobSpec gets everywhere (Job and CronJob jobTemplate). */
export function validateJobSpecCommon(spec: JobSpec | undefined, field: string): StatusCause[] {
  const s = spec ?? ({} as JobSpec);
  const causes: StatusCause[] = [];
  for (const k of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] as const) {
    causes.push(...nonNegative(s[k], `${field}.${k}`));
  }
  if (s.completionMode !== undefined) {
    causes.push(...oneOf(s.completionMode, `${field}.completionMode`, ["NonIndexed", "Indexed"]));
    if (s.completionMode === "Indexed" && s.completions === undefined) {
      causes.push(required(`${field}.completions`, "when completion mode is Indexed"));
    }
  }
  if (s.podReplacementPolicy !== undefined) {
    causes.push(...oneOf(s.podReplacementPolicy, `${field}.podReplacementPolicy`, ["TerminatingOrFailed", "Failed"]));
  }
  causes.push(...validatePodTemplate(s.template, `${field}.template`));
  const rp = s.template?.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never") {
    causes.push(cause.notSupported(`${field}.template.spec.restartPolicy`, rp ?? "", ["OnFailure", "Never"]));
  }
  return causes;
}

function validateJob(obj: KubeObject): StatusCause[] {
  const job = obj as Job;
  const spec = job.spec ?? ({} as JobSpec);
  const causes = validateObjectMeta(obj, true);
  const uid = job.metadata?.uid;
  const tlabels = spec.template?.metadata?.labels;
  if (!spec.manualSelector && tlabels && uid) {
    const base = "spec.template.metadata.labels";
    for (const [k, want] of [[controllerUidLabel, uid], [jobNameLabel, job.metadata?.name ?? ""]]) {
      if (!(k in tlabels)) causes.push(required(`${base}[${k}]`, want));
      else if (tlabels[k] !== want) causes.push(cause.invalid(`${base}[${k}]`, tlabels, want));
    }
  }
  if (!spec.selector) causes.push(required("spec.selector"));
  else causes.push(...validateLabelSelector(spec.selector, "spec.selector"));
  try {
    if (!labelSelectorFromObject(spec.selector).matches(tlabels)) {
      causes.push(cause.invalid("spec.template.metadata.labels", tlabels ?? {}, "`selector` does not match template `labels`"));
    }
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
  }
  causes.push(...validateJobSpecCommon(spec, "spec"));
  if (spec.completionMode === "Indexed" && (spec.completions ?? 0) > 0) {
    const host = `${job.metadata?.name}-${spec.completions! - 1}`;
    if (isDNS1123Label(host).length) {
      causes.push(cause.invalid("metadata.name", job.metadata?.name, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return causes;
}

function validateJobUpdate(obj: KubeObject, old: StoredObject): StatusCause[] {
  const next = (obj as Job).spec ?? ({} as JobSpec);
  const prev = (old as Job).spec ?? ({} as JobSpec);
  const causes: StatusCause[] = [];
  for (const k of ["completions", "selector", "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"] as const) {
    if (!semanticEqual(next[k], prev[k])) causes.push(cause.immutable(`spec.${k}`));
  }
  // A suspended Job that never started may still change its scheduling directives.
  const neverStarted = !(old as Job).status?.startTime && prev.suspend === true;
  const t = structuredClone(next.template);
  if (neverStarted && t && prev.template) {
    t.metadata = { ...t.metadata, labels: prev.template.metadata?.labels, annotations: prev.template.metadata?.annotations };
    if (t.spec && prev.template.spec) {
      for (const k of ["nodeSelector", "tolerations", "affinity", "schedulingGates"] as const) {
        (t.spec as unknown as Record<string, unknown>)[k] = prev.template.spec[k];
      }
    }
  }
  if (!semanticEqual(t, prev.template)) causes.push(cause.immutable("spec.template"));
  return causes;
}

export const jobStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultJob(obj as Job),
  validate: validateJob,
  validateUpdate: validateJobUpdate,
  fieldSelectors: {
    "status.successful": (o) => String((o as Job).status?.succeeded ?? 0),
  },
};

