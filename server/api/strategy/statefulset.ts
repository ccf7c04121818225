// apps/v1 StatefulSet: upstream's SetDefaults_StatefulSet, validation, and the update rule that
// only replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
// persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
import type { StatefulSet, StatefulSetSpec } from "kubernetes-types/apps/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, intOrPercent, invalidEach, nonNegative, notMoreThan100Percent, oneOf, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { isDNS1123Subdomain } from "./names.ts";
import { validatePVCSpec } from "./persistentvolumeclaim.ts";
import { defaultPodTemplate, defaultPVCSpec } from "./pod-defaults.ts";
import { specOf, validateWorkload } from "./workload.ts";

export function defaultStatefulSet(s: StatefulSet) {
  const spec = (s.spec ??= {} as StatefulSetSpec);
  spec.podManagementPolicy ||= "OrderedReady";
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = "RollingUpdate";
    us.rollingUpdate ??= {};
  }
  if (us.type === "RollingUpdate" && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= "Retain";
  retention.whenScaled ||= "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  for (const t of spec.volumeClaimTemplates ?? []) {
    defaultPVCSpec((t.spec ??= {}));
    const status = ((t as { status?: Record<string, unknown> }).status ??= {});
    status.phase ||= "Pending";
  }
}

function validateStatefulSet(obj: KubeObject): StatusCause[] {
  const spec = specOf<StatefulSetSpec>(obj);
  const causes = validateWorkload(obj, "StatefulSet", "statefulset");
  causes.push(...oneOf(spec.podManagementPolicy, "spec.podManagementPolicy", ["OrderedReady", "Parallel"]));
  const us = spec.updateStrategy ?? {};
  causes.push(...oneOf(us.type, "spec.updateStrategy.type", ["RollingUpdate", "OnDelete"]));
  if (us.type === "OnDelete" && us.rollingUpdate) {
    causes.push(cause.invalid("spec.updateStrategy.rollingUpdate", us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  }
  if (us.rollingUpdate) {
    causes.push(...nonNegative(us.rollingUpdate.partition, "spec.updateStrategy.rollingUpdate.partition"));
    const mu = us.rollingUpdate.maxUnavailable;
    causes.push(...intOrPercent(mu, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
    causes.push(...notMoreThan100Percent(mu, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy ?? {};
  causes.push(...oneOf(retention.whenDeleted, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", ["Retain", "Delete"]));
  causes.push(...oneOf(retention.whenScaled, "spec.persistentVolumeClaimRetentionPolicy.whenScaled", ["Retain", "Delete"]));
  causes.push(...nonNegative(spec.ordinals?.start, "spec.ordinals.start"));
  (spec.volumeClaimTemplates ?? []).forEach((t, i) => {
    const path = `spec.volumeClaimTemplates[${i}]`;
    causes.push(...invalidEach(`${path}.metadata.name`, t.metadata?.name, isDNS1123Subdomain(t.metadata?.name ?? "")));
    causes.push(...validatePVCSpec(t.spec, `${path}.spec`));
  });
  return causes;
}

const mutable = [
  "replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds",
] as const;

export const statefulSetUpdateForbidden =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

export const statefulSetStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultStatefulSet(obj as StatefulSet),
  validate: validateStatefulSet,
  validateUpdate(obj, old) {
    const strip = (o: KubeObject) => {
      const s: Record<string, unknown> = { ...specOf<StatefulSetSpec>(o) };
      for (const k of mutable) delete s[k];
      return s;
    };
    return semanticEqual(strip(obj), strip(old)) ? [] : [cause.forbidden("spec", statefulSetUpdateForbidden)];
  },
};
