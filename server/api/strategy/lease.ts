// coordination.k8s.io/v1 Lease: positive durations and non-negative transitions.
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Strategy } from "../registry/types.ts";
import { nonNegative, positive } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";

export const leaseStrategy: Strategy = {
  validate(obj) {
    const spec = (obj as Lease).spec ?? {};
    return [
      ...validateObjectMeta(obj, true),
      ...positive(spec.leaseDurationSeconds, "spec.leaseDurationSeconds"),
      ...nonNegative(spec.leaseTransitions, "spec.leaseTransitions"),
    ];
  },
};
