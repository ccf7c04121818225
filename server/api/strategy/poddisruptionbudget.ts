// policy/v1 PodDisruptionBudget: one of minAvailable / maxUnavailable, int or percent ≤ 100%,
// a valid selector and eviction policy.
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, intOrPercent, notMoreThan100Percent, oneOf } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { validateLabelSelector } from "./selector.ts";

export const podDisruptionBudgetStrategy: Strategy = {
  hasGeneration: true,
  validate(obj) {
    const spec = (obj as PodDisruptionBudget).spec ?? {};
    const causes = validateObjectMeta(obj, true);
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
      causes.push(cause.invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
    }
    for (const k of ["minAvailable", "maxUnavailable"] as const) {
      causes.push(...intOrPercent(spec[k], `spec.${k}`), ...notMoreThan100Percent(spec[k], `spec.${k}`));
    }
    causes.push(...validateLabelSelector(spec.selector, "spec.selector"));
    if (spec.unhealthyPodEvictionPolicy !== undefined) {
      causes.push(...oneOf(spec.unhealthyPodEvictionPolicy, "spec.unhealthyPodEvictionPolicy", ["AlwaysAllow", "IfHealthyBudget"]));
    }
    return causes;
  },
};
