// What the replicated workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet) share: a
// selector that selects the template, a template whose pods restart Always, an immutable
// selector on update, and int-or-percent rolling update knobs.
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { cause, intOrPercent, nonNegative, notMoreThan100Percent, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { validatePodTemplate } from "./pod-validation.ts";
import { validateWorkloadSelector } from "./selector.ts";

export interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

export const specOf = <S>(o: KubeObject): S => (o.spec ?? {}) as S;

/** Metadata, counts, selector-matches-template and the template itself (restartPolicy Always). */
export function validateWorkload(obj: KubeObject, kind: string, emptySelectorWord: string): StatusCause[] {
  const spec = specOf<WorkloadSpec>(obj);
  const causes = validateObjectMeta(obj, true);
  causes.push(...nonNegative(spec.replicas, "spec.replicas"));
  causes.push(...validateWorkloadSelector(spec.selector, spec.template, emptySelectorWord));
  causes.push(...validatePodTemplate(spec.template, "spec.template"));
  const podSpec = spec.template?.spec;
  if (podSpec?.restartPolicy && podSpec.restartPolicy !== "Always") {
    causes.push(cause.notSupported("spec.template.spec.restartPolicy", podSpec.restartPolicy, ["Always"]));
  }
  if (podSpec?.activeDeadlineSeconds !== undefined) {
    causes.push(cause.forbidden("spec.template.spec.activeDeadlineSeconds", `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  causes.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  causes.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return causes;
}

/** `spec.selector` may not change after creation. */
export function selectorImmutable(obj: KubeObject, old: StoredObject): StatusCause[] {
  const a = specOf<WorkloadSpec>(obj).selector;
  const b = specOf<WorkloadSpec>(old).selector;
  return semanticEqual(a, b) ? [] : [cause.immutable("spec.selector")];
}

const intOrPercentValue = (v: unknown) =>
  typeof v === "number" ? v : typeof v === "string" && /^[0-9]+%$/.test(v) ? Number(v.slice(0, -1)) : -1;

/** maxUnavailable and maxSurge: int or percent, not both 0, maxUnavailable ≤ 100%. */
export function validateRollingKnobs(ru: { maxUnavailable?: unknown; maxSurge?: unknown }, field: string, zeroMessage: string): StatusCause[] {
  const causes = [...intOrPercent(ru.maxUnavailable, `${field}.maxUnavailable`), ...intOrPercent(ru.maxSurge, `${field}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable ?? 0) === 0 && intOrPercentValue(ru.maxSurge ?? 0) === 0) {
    causes.push(cause.invalid(`${field}.maxUnavailable`, ru.maxUnavailable ?? 0, zeroMessage));
  }
  causes.push(...notMoreThan100Percent(ru.maxUnavailable, `${field}.maxUnavailable`));
  return causes;
}
