// autoscaling/v1: Scale (the /scale subresource) and HorizontalPodAutoscaler
// (k8s.io/api autoscaling/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const autoscalingV1: GroupSpec = {
  Scale: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "ScaleSpec"],
    3: ["status", "ScaleStatus"],
  },
  ScaleSpec: {
    1: ["replicas", "int32"],
  },
  ScaleStatus: {
    1: ["replicas", "int32", "req"],
    2: ["selector", "string"],
  },
  HorizontalPodAutoscaler: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "HorizontalPodAutoscalerSpec"],
    3: ["status", "HorizontalPodAutoscalerStatus"],
  },
  HorizontalPodAutoscalerSpec: {
    1: ["scaleTargetRef", "CrossVersionObjectReference"],
    2: ["minReplicas", "int32", "ptr"],
    3: ["maxReplicas", "int32", "req"],
    4: ["targetCPUUtilizationPercentage", "int32", "ptr"],
  },
  CrossVersionObjectReference: {
    1: ["kind", "string", "req"],
    2: ["name", "string", "req"],
    3: ["apiVersion", "string"],
  },
  HorizontalPodAutoscalerStatus: {
    1: ["observedGeneration", "int64", "ptr"],
    2: ["lastScaleTime", "Time"],
    3: ["currentReplicas", "int32", "req"],
    4: ["desiredReplicas", "int32", "req"],
    5: ["currentCPUUtilizationPercentage", "int32", "ptr"],
  },
};
