// scheduling.k8s.io/v1: PriorityClass (k8s.io/api scheduling/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const scheduling: GroupSpec = {
  PriorityClass: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["value", "int32", "req"],
    3: ["globalDefault", "bool"],
    4: ["description", "string"],
    5: ["preemptionPolicy", "string", "ptr"],
  },
};
