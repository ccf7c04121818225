// autoscaling/v2 HorizontalPodAutoscaler: minReplicas 1 and an 80% CPU target by default,
// upstream's scaling-rule defaults when `behavior` is given; a target and sane bounds.
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, HPAScalingRules } from "kubernetes-types/autoscaling/v2";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, oneOf, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { pathSegmentName } from "./names.ts";

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }],
});
// Scale-down leaves stabilizationWindowSeconds unset (the controller's flag decides), as upstream.
const scaleDownDefaults = (): HPAScalingRules => ({ selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });

function fillRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults;
  return {
    ...given,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    stabilizationWindowSeconds: given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    policies: given.policies ?? defaults.policies,
  };
}

export function defaultHPA(hpa: HorizontalPodAutoscaler) {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscalerSpec);
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
    if (spec.behavior.scaleDown.stabilizationWindowSeconds === undefined) delete spec.behavior.scaleDown.stabilizationWindowSeconds;
  }
}

const metricTypes = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const targetTypes = ["AverageValue", "Utilization", "Value"];

function validateHPA(obj: KubeObject): StatusCause[] {
  const spec = ((obj as HorizontalPodAutoscaler).spec ?? {}) as HorizontalPodAutoscalerSpec;
  const causes = validateObjectMeta(obj, true);
  const ref = spec.scaleTargetRef ?? ({} as HorizontalPodAutoscalerSpec["scaleTargetRef"]);
  if (!ref.kind) causes.push(required("spec.scaleTargetRef.kind"));
  if (!ref.name) causes.push(required("spec.scaleTargetRef.name"));
  else for (const m of pathSegmentName(ref.name, false)) causes.push(cause.invalid("spec.scaleTargetRef.name", ref.name, m));
  if (spec.minReplicas !== undefined && spec.minReplicas < 1) {
    causes.push(cause.invalid("spec.minReplicas", spec.minReplicas, "must be greater than or equal to 1"));
  }
  if ((spec.maxReplicas ?? 0) < 1) causes.push(cause.invalid("spec.maxReplicas", spec.maxReplicas ?? 0, "must be greater than 0"));
  if (spec.minReplicas !== undefined && spec.maxReplicas !== undefined && spec.maxReplicas < spec.minReplicas) {
    causes.push(cause.invalid("spec.maxReplicas", spec.maxReplicas, "must be greater than or equal to `minReplicas`"));
  }
  (spec.metrics ?? []).forEach((m, i) => {
    const path = `spec.metrics[${i}]`;
    causes.push(...oneOf(m.type, `${path}.type`, metricTypes));
    const source = m.resource ?? m.containerResource;
    if ((m.type === "Resource" && !m.resource) || (m.type === "ContainerResource" && !m.containerResource)) {
      causes.push(required(`${path}.${m.type === "Resource" ? "resource" : "containerResource"}`, `must populate information for the given metric source`));
    }
    if (source) {
      const sp = `${path}.${m.resource ? "resource" : "containerResource"}`;
      if (!source.name) causes.push(required(`${sp}.name`));
      causes.push(...oneOf(source.target?.type, `${sp}.target.type`, targetTypes));
      const u = source.target?.averageUtilization;
      if (u !== undefined && u < 1) causes.push(cause.invalid(`${sp}.target.averageUtilization`, u, "must be greater than 0"));
    }
  });
  return causes;
}

export const horizontalPodAutoscalerStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultHPA(obj as HorizontalPodAutoscaler),
  validate: validateHPA,
};
