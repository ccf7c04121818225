// meta/v1 (apimachinery pkg/apis/meta/v1/generated.proto): field number → [json, type, flag].
// "ptr" = Go pointer (zero kept), "req" = no omitempty (zero kept); see ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const meta: GroupSpec = {
  ObjectMeta: {
    1: ["name", "string"],
    2: ["generateName", "string"],
    3: ["namespace", "string"],
    4: ["selfLink", "string"],
    5: ["uid", "string"],
    6: ["resourceVersion", "string"],
    7: ["generation", "int64"],
    8: ["creationTimestamp", "Time"],
    9: ["deletionTimestamp", "Time"],
    10: ["deletionGracePeriodSeconds", "int64", "ptr"],
    11: ["labels", "map[string]string"],
    12: ["annotations", "map[string]string"],
    13: ["ownerReferences", "[]OwnerReference"],
    14: ["finalizers", "[]string"],
    17: ["managedFields", "[]ManagedFieldsEntry"],
  },
  OwnerReference: {
    5: ["apiVersion", "string", "req"],
    1: ["kind", "string", "req"],
    3: ["name", "string", "req"],
    4: ["uid", "string", "req"],
    6: ["controller", "bool", "ptr"],
    7: ["blockOwnerDeletion", "bool", "ptr"],
  },
  ManagedFieldsEntry: {
    1: ["manager", "string"],
    2: ["operation", "string"],
    3: ["apiVersion", "string"],
    4: ["time", "Time"],
    6: ["fieldsType", "string"],
    7: ["fieldsV1", "FieldsV1"],
    8: ["subresource", "string"],
  },
  LabelSelector: {
    1: ["matchLabels", "map[string]string"],
    2: ["matchExpressions", "[]LabelSelectorRequirement"],
  },
  LabelSelectorRequirement: {
    1: ["key", "string", "req"],
    2: ["operator", "string", "req"],
    3: ["values", "[]string"],
  },
  Condition: {
    1: ["type", "string", "req"],
    2: ["status", "string", "req"],
    3: ["observedGeneration", "int64"],
    4: ["lastTransitionTime", "Time"],
    5: ["reason", "string", "req"],
    6: ["message", "string", "req"],
  },
  DeleteOptions: {
    1: ["gracePeriodSeconds", "int64", "ptr"],
    2: ["preconditions", "Preconditions"],
    3: ["orphanDependents", "bool", "ptr"],
    4: ["propagationPolicy", "string", "ptr"],
    5: ["dryRun", "[]string"],
    6: ["ignoreStoreReadErrorWithClusterBreakingPotential", "bool", "ptr"],
  },
  Preconditions: {
    1: ["uid", "string", "ptr"],
    2: ["resourceVersion", "string", "ptr"],
  },
};
