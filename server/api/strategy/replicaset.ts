// apps/v1 ReplicaSet: replicas default 1, the shared workload validation, immutable selector.
import type { ReplicaSet, ReplicaSetSpec } from "kubernetes-types/apps/v1";
import type { Strategy } from "../registry/types.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";
import { selectorImmutable, validateWorkload } from "./workload.ts";

export const replicaSetStrategy: Strategy = {
  hasGeneration: true,
  defaults(obj) {
    const spec = ((obj as ReplicaSet).spec ??= {} as ReplicaSetSpec);
    spec.replicas ??= 1;
    defaultPodTemplate(spec.template);
  },
  // Upstream's ReplicaSet validation words an empty selector as "for deployment" too.
  validate: (obj) => validateWorkload(obj, "ReplicaSet", "deployment"),
  validateUpdate: selectorImmutable,
  fieldSelectors: {
    "status.replicas": (o) => String((o as ReplicaSet).status?.replicas ?? 0),
  },
};
