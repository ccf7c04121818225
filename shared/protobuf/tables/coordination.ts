// coordination.k8s.io/v1: Lease (k8s.io/api coordination/v1/generated.proto). Every spec field is a Go pointer.
import type { GroupSpec } from "../schema.ts";

export const coordination: GroupSpec = {
  Lease: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "LeaseSpec"],
  },
  LeaseSpec: {
    1: ["holderIdentity", "string", "ptr"],
    2: ["leaseDurationSeconds", "int32", "ptr"],
    3: ["acquireTime", "MicroTime"],
    4: ["renewTime", "MicroTime"],
    5: ["leaseTransitions", "int32", "ptr"],
    6: ["strategy", "string", "ptr"],
    7: ["preferredHolder", "string", "ptr"],
  },
};
