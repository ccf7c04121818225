// apps/v1 DaemonSet: RollingUpdate with maxUnavailable 1 / maxSurge 0 by default, history 10.
import type { DaemonSet, DaemonSetSpec } from "kubernetes-types/apps/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, type StatusCause } from "./causes.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";
import { selectorImmutable, specOf, validateRollingKnobs, validateWorkload } from "./workload.ts";

export function defaultDaemonSet(ds: DaemonSet) {
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const us = (spec.updateStrategy ??= {});
  us.type ||= "RollingUpdate";
  if (us.type === "RollingUpdate") {
    const ru = (us.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
}

export const daemonSetStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultDaemonSet(obj as DaemonSet),
  validate(obj) {
    const causes: StatusCause[] = validateWorkload(obj, "DaemonSet", "daemonset");
    const us = specOf<DaemonSetSpec>(obj).updateStrategy ?? {};
    if (us.type === "RollingUpdate") {
      if (us.rollingUpdate) causes.push(...validateRollingKnobs(us.rollingUpdate, "spec.updateStrategy.rollingUpdate", "cannot be 0 when maxSurge is 0"));
    } else if (us.type !== "OnDelete") {
      causes.push(cause.notSupported("spec.updateStrategy.type", us.type ?? "", ["OnDelete", "RollingUpdate"]));
    }
    return causes;
  },
  validateUpdate: selectorImmutable,
};
