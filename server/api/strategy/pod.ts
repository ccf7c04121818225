// core/v1 Pod: defaults (spec, Pod-only and admission additions), validation, the update rules
// and the field selectors kubectl and controllers use.
import type { Pod } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { validateObjectMeta } from "./meta.ts";
import { defaultPod, type PodDefaultsOptions } from "./pod-admission.ts";
import { validatePodSpecUpdate } from "./pod-update.ts";
import { validatePodSpec } from "./pod-validation.ts";

const asPod = (o: KubeObject) => o as Pod;

/** The Pod strategy with server-wide defaults (the default tolerations' seconds). */
export const podStrategyWith = (opts: PodDefaultsOptions = {}): Strategy => ({
  ...podStrategy,
  defaults(obj) {
    defaultPod(asPod(obj), opts);
  },
});

export const podStrategy: Strategy = {
  // Pods gained metadata.generation only recently (1.33, behind observedGeneration tracking);
  // kubun keeps them generation-less until a controller needs it.
  hasGeneration: false,
  defaults(obj) {
    defaultPod(asPod(obj));
  },
  validate(obj) {
    return [...validateObjectMeta(obj, true), ...validatePodSpec(asPod(obj).spec, "spec")];
  },
  validateUpdate(obj, old) {
    return validatePodSpecUpdate(asPod(obj).spec ?? { containers: [] }, asPod(old).spec ?? { containers: [] });
  },
  fieldSelectors: {
    "spec.nodeName": (o) => asPod(o).spec?.nodeName ?? "",
    "spec.restartPolicy": (o) => asPod(o).spec?.restartPolicy ?? "",
    "spec.schedulerName": (o) => asPod(o).spec?.schedulerName ?? "",
    "spec.serviceAccountName": (o) => asPod(o).spec?.serviceAccountName ?? "",
    "spec.hostNetwork": (o) => String(asPod(o).spec?.hostNetwork ?? false),
    "status.phase": (o) => asPod(o).status?.phase ?? "",
    "status.podIP": (o) => asPod(o).status?.podIPs?.[0]?.ip ?? asPod(o).status?.podIP ?? "",
    "status.nominatedNodeName": (o) => asPod(o).status?.nominatedNodeName ?? "",
  },
};
