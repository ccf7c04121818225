// LabelSelector objects inside specs (upstream's ValidateLabelSelector) and the check that a
// workload's selector selects its own pod template.
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { labelSelectorFromObject, SelectorError } from "../../../shared/selectors/index.ts";
import { isValidLabelValue } from "../../../shared/selectors/syntax.ts";
import { cause, invalidEach, required, type StatusCause } from "./causes.ts";
import { isQualifiedName } from "./names.ts";
import { validateLabels } from "./meta.ts";

export function validateLabelSelector(sel: LabelSelector | undefined | null, field: string): StatusCause[] {
  if (!sel) return [];
  const causes = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const path = `${field}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === "In" || e.operator === "NotIn") {
      if (values.length === 0) causes.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === "Exists" || e.operator === "DoesNotExist") {
      if (values.length > 0) causes.push(cause.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      causes.push(cause.invalid(`${path}.operator`, e.operator, "not a valid selector operator"));
    }
    causes.push(...invalidEach(`${path}.key`, e.key, isQualifiedName(e.key ?? "")));
    values.forEach((v, j) => causes.push(...invalidEach(`${path}.values[${j}]`, v, isValidLabelValue(v))));
  });
  return causes;
}

/**
 * A workload's `spec.selector` (required, non-empty) and whether it selects the template's labels
 * (`selector` does not match template `labels`), as upstream's apps validation.
 */
export function validateWorkloadSelector(
  sel: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  kindWord: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!sel) causes.push(required("spec.selector"));
  else {
    causes.push(...validateLabelSelector(sel, "spec.selector"));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      causes.push(cause.invalid("spec.selector", sel, `empty selector is invalid for ${kindWord}`));
    }
  }
  let matcher;
  try {
    matcher = labelSelectorFromObject(sel);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    causes.push(cause.invalid("spec.selector", sel, "invalid label selector"));
    return causes;
  }
  if (!matcher.empty && !matcher.matches(template?.metadata?.labels)) {
    causes.push(cause.invalid("spec.template.metadata.labels", template?.metadata?.labels ?? {}, "`selector` does not match template `labels`"));
  }
  return causes;
}
