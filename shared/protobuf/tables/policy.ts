// policy/v1: Eviction, PodDisruptionBudget (k8s.io/api policy/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const policy: GroupSpec = {
  Eviction: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["deleteOptions", "meta.DeleteOptions"],
  },
  PodDisruptionBudget: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "PodDisruptionBudgetSpec"],
    3: ["status", "PodDisruptionBudgetStatus"],
  },
  PodDisruptionBudgetSpec: {
    1: ["minAvailable", "IntOrString"],
    2: ["selector", "meta.LabelSelector"],
    3: ["maxUnavailable", "IntOrString"],
    4: ["unhealthyPodEvictionPolicy", "string", "ptr"],
  },
  PodDisruptionBudgetStatus: {
    1: ["observedGeneration", "int64"],
    2: ["disruptedPods", "map[string]Time"],
    3: ["disruptionsAllowed", "int32", "req"],
    4: ["currentHealthy", "int32", "req"],
    5: ["desiredHealthy", "int32", "req"],
    6: ["expectedPods", "int32", "req"],
    7: ["conditions", "[]meta.Condition"],
  },
};
