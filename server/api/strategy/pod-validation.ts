// PodSpec validation (upstream's ValidatePodSpec, the parts kubun enforces): containers, init
// containers, volumes, restart and DNS policy, node selector, tolerations and named references.
import type { PodSpec, PodTemplateSpec, Toleration, Volume } from "kubernetes-types/core/v1";
import { isQualifiedName } from "../../../shared/selectors/syntax.ts";
import { cause, inclusiveRangeError, invalidEach, nonNegative, oneOf, required, type StatusCause } from "./causes.ts";
import { validateContainer } from "./container-validation.ts";
import { validateAnnotations, validateLabels } from "./meta.ts";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain } from "./names.ts";

export const restartPolicies = ["Always", "OnFailure", "Never"];
const dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const volumeSources = [
  "emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim", "projected", "downwardAPI", "ephemeral", "nfs",
  "csi", "image", "iscsi", "rbd", "cephfs", "fc", "flexVolume", "gitRepo", "glusterfs", "awsElasticBlockStore",
  "gcePersistentDisk", "azureDisk", "azureFile", "vsphereVolume", "quobyte", "flocker", "portworxVolume", "scaleIO",
  "storageos", "photonPersistentDisk", "cinder",
] as const;

function validateVolume(v: Volume, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const set = volumeSources.filter((k) => (v as unknown as Record<string, unknown>)[k] != null);
  if (set.length === 0) causes.push(required(field, "must specify a volume type"));
  if (set.length > 1) causes.push(cause.forbidden(`${field}.${set[1]}`, "may not specify more than 1 volume type"));
  if (v.configMap && !v.configMap.name) causes.push(required(`${field}.configMap.name`));
  if (v.secret && !v.secret.secretName) causes.push(required(`${field}.secret.secretName`));
  if (v.hostPath && !v.hostPath.path) causes.push(required(`${field}.hostPath.path`));
  if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) causes.push(required(`${field}.persistentVolumeClaim.claimName`));
  if (v.nfs && !v.nfs.server) causes.push(required(`${field}.nfs.server`));
  for (const [src, items] of [["configMap", v.configMap?.items], ["secret", v.secret?.items]] as const) {
    (items ?? []).forEach((it, i) => {
      const p = `${field}.${src}.items[${i}]`;
      if (!it.key) causes.push(required(`${p}.key`));
      else causes.push(...invalidEach(`${p}.key`, it.key, isConfigMapKey(it.key)));
      if (!it.path) causes.push(required(`${p}.path`));
      else if (it.path.startsWith("/") || it.path.split("/").includes("..")) {
        causes.push(cause.invalid(`${p}.path`, it.path, "must be a relative path without '..'"));
      }
    });
  }
  for (const [src, mode] of [["configMap", v.configMap?.defaultMode], ["secret", v.secret?.defaultMode]] as const) {
    if (mode !== undefined && (mode < 0 || mode > 0o777)) {
      causes.push(cause.invalid(`${field}.${src}.defaultMode`, mode, "must be a number between 0 and 0777 (octal), both inclusive"));
    }
  }
  return causes;
}

export function validateVolumes(volumes: Volume[] | undefined, field: string): { names: Set<string>; causes: StatusCause[] } {
  const names = new Set<string>();
  const causes: StatusCause[] = [];
  (volumes ?? []).forEach((v, i) => {
    const path = `${field}[${i}]`;
    causes.push(...validateVolume(v, path));
    if (!v.name) causes.push(required(`${path}.name`));
    else causes.push(...invalidEach(`${path}.name`, v.name, isDNS1123Label(v.name)));
    if (names.has(v.name)) causes.push(cause.duplicate(`${path}.name`, v.name));
    names.add(v.name);
  });
  return { names, causes };
}

export function validateTolerations(tolerations: Toleration[] | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const path = `${field}[${i}]`;
    if (t.key) causes.push(...invalidEach(`${path}.key`, t.key, isQualifiedName(t.key)));
    if (!t.key && t.operator !== "Exists") {
      causes.push(cause.invalid(`${path}.operator`, t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      causes.push(cause.invalid(`${path}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (t.operator === "Exists" && t.value) causes.push(cause.invalid(`${path}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (t.operator) causes.push(...oneOf(t.operator, `${path}.operator`, ["Equal", "Exists"]));
    if (t.effect) causes.push(...oneOf(t.effect, `${path}.effect`, ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
  });
  return causes;
}

export function validatePodSpec(spec: PodSpec | undefined, field: string): StatusCause[] {
  const s: PodSpec = spec ?? { containers: [] };
  const { names: volumes, causes } = validateVolumes(s.volumes, `${field}.volumes`);
  if (!s.containers?.length) causes.push(required(`${field}.containers`));
  const seen = new Set<string>();
  for (const [list, init] of [["containers", false], ["initContainers", true]] as const) {
    (s[list] ?? []).forEach((c, i) => {
      const path = `${field}.${list}[${i}]`;
      causes.push(...validateContainer(c, volumes, path, { init }));
      if (c.name && seen.has(c.name)) causes.push(cause.duplicate(`${path}.name`, c.name));
      seen.add(c.name);
    });
  }
  causes.push(...oneOf(s.restartPolicy, `${field}.restartPolicy`, restartPolicies));
  causes.push(...oneOf(s.dnsPolicy, `${field}.dnsPolicy`, dnsPolicies));
  causes.push(...validateLabels(s.nodeSelector, `${field}.nodeSelector`));
  causes.push(...validateTolerations(s.tolerations, `${field}.tolerations`));
  causes.push(...nonNegative(s.terminationGracePeriodSeconds, `${field}.terminationGracePeriodSeconds`));
  for (const k of ["serviceAccountName", "nodeName", "priorityClassName"] as const) {
    if (s[k]) causes.push(...invalidEach(`${field}.${k}`, s[k], isDNS1123Subdomain(s[k]!)));
  }
  for (const k of ["hostname", "subdomain"] as const) {
    if (s[k]) causes.push(...invalidEach(`${field}.${k}`, s[k], isDNS1123Label(s[k]!)));
  }
  const ads = s.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > 2147483647)) {
    causes.push(cause.invalid(`${field}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, 2147483647)));
  }
  if (s.preemptionPolicy) causes.push(...oneOf(s.preemptionPolicy, `${field}.preemptionPolicy`, ["PreemptLowerPriority", "Never"]));
  (s.imagePullSecrets ?? []).forEach((r, i) => {
    if (!r.name) causes.push(required(`${field}.imagePullSecrets[${i}].name`));
  });
  return causes;
}

/**
 * A PodTemplateSpec: its labels and annotations (upstream's paths are `template.labels`, not
 * `template.metadata.labels`) and its spec.
 */
export function validatePodTemplate(t: PodTemplateSpec | undefined, field: string): StatusCause[] {
  return [
    ...validateLabels(t?.metadata?.labels, `${field}.labels`),
    ...validateAnnotations(t?.metadata?.annotations, `${field}.annotations`),
    ...validatePodSpec(t?.spec, `${field}.spec`),
  ];
}
