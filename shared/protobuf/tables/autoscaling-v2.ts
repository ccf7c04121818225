// autoscaling/v2: HorizontalPodAutoscaler, which `kubectl autoscale` 1.33 creates
// (k8s.io/api autoscaling/v2/generated.proto). Status is shallow. "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const autoscalingV2: GroupSpec = {
  HorizontalPodAutoscaler: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "HorizontalPodAutoscalerSpec"],
    3: ["status", "HorizontalPodAutoscalerStatus"],
  },
  HorizontalPodAutoscalerSpec: {
    1: ["scaleTargetRef", "CrossVersionObjectReference"],
    2: ["minReplicas", "int32", "ptr"],
    3: ["maxReplicas", "int32", "req"],
    4: ["metrics", "[]MetricSpec"],
    5: ["behavior", "HorizontalPodAutoscalerBehavior"],
  },
  CrossVersionObjectReference: {
    1: ["kind", "string", "req"],
    2: ["name", "string", "req"],
    3: ["apiVersion", "string"],
  },
  MetricSpec: {
    1: ["type", "string", "req"],
    2: ["object", "ObjectMetricSource"],
    3: ["pods", "PodsMetricSource"],
    4: ["resource", "ResourceMetricSource"],
    7: ["containerResource", "ContainerResourceMetricSource"],
    5: ["external", "ExternalMetricSource"],
  },
  ObjectMetricSource: {
    1: ["describedObject", "CrossVersionObjectReference"],
    2: ["target", "MetricTarget"],
    3: ["metric", "MetricIdentifier"],
  },
  PodsMetricSource: {
    1: ["metric", "MetricIdentifier"],
    2: ["target", "MetricTarget"],
  },
  ResourceMetricSource: {
    1: ["name", "string", "req"],
    2: ["target", "MetricTarget"],
  },
  ContainerResourceMetricSource: {
    1: ["name", "string", "req"],
    2: ["target", "MetricTarget"],
    3: ["container", "string", "req"],
  },
  ExternalMetricSource: {
    1: ["metric", "MetricIdentifier"],
    2: ["target", "MetricTarget"],
  },
  MetricIdentifier: {
    1: ["name", "string", "req"],
    2: ["selector", "meta.LabelSelector"],
  },
  MetricTarget: {
    1: ["type", "string", "req"],
    2: ["value", "Quantity"],
    3: ["averageValue", "Quantity"],
    4: ["averageUtilization", "int32", "ptr"],
  },
  HorizontalPodAutoscalerBehavior: {
    1: ["scaleUp", "HPAScalingRules"],
    2: ["scaleDown", "HPAScalingRules"],
  },
  HPAScalingRules: {
    3: ["stabilizationWindowSeconds", "int32", "ptr"],
    1: ["selectPolicy", "string", "ptr"],
    2: ["policies", "[]HPAScalingPolicy"],
    4: ["tolerance", "Quantity"],
  },
  HPAScalingPolicy: {
    1: ["type", "string", "req"],
    2: ["value", "int32", "req"],
    3: ["periodSeconds", "int32", "req"],
  },
  HorizontalPodAutoscalerStatus: {
    1: ["observedGeneration", "int64", "ptr"],
    2: ["lastScaleTime", "Time"],
    3: ["currentReplicas", "int32"],
    4: ["desiredReplicas", "int32", "req"],
    6: ["conditions", "[]HorizontalPodAutoscalerCondition"],
  },
  HorizontalPodAutoscalerCondition: {
    1: ["type", "string", "req"],
    2: ["status", "string", "req"],
    3: ["lastTransitionTime", "Time"],
    4: ["reason", "string"],
    5: ["message", "string"],
  },
};
