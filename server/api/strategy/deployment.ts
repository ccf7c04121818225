// apps/v1 Deployment: upstream's SetDefaults_Deployment and deployment validation.
import type { Deployment, DeploymentSpec } from "kubernetes-types/apps/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, positive, required, type StatusCause } from "./causes.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";
import { selectorImmutable, specOf, validateRollingKnobs, validateWorkload } from "./workload.ts";

export function defaultDeployment(d: Deployment) {
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= "25%";
    ru.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}

function validateDeployment(obj: KubeObject): StatusCause[] {
  const spec = specOf<DeploymentSpec>(obj);
  const causes = validateWorkload(obj, "ReplicaSet", "deployment");
  const strategy = spec.strategy ?? {};
  if (strategy.type === "Recreate") {
    if (strategy.rollingUpdate) {
      causes.push(cause.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (strategy.type === "RollingUpdate") {
    if (!strategy.rollingUpdate) causes.push(required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
    else causes.push(...validateRollingKnobs(strategy.rollingUpdate, "spec.strategy.rollingUpdate", "may not be 0 when `maxSurge` is 0"));
  } else {
    causes.push(cause.notSupported("spec.strategy.type", strategy.type ?? "", ["Recreate", "RollingUpdate"]));
  }
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined) {
    causes.push(...positive(pds, "spec.progressDeadlineSeconds"));
    if (pds <= (spec.minReadySeconds ?? 0)) causes.push(cause.invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
  }
  return causes;
}

export const deploymentStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultDeployment(obj as Deployment),
  validate: validateDeployment,
  validateUpdate: selectorImmutable,
};
