// core/v1 PersistentVolume: reclaim policy Retain, volumeMode Filesystem and phase Pending by
// default; exactly one volume source, access modes and a storage capacity; the source is
// immutable after creation.
import type { PersistentVolume, PersistentVolumeSpec } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { tryParseQuantity } from "../../../shared/quantity/index.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, oneOf, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { accessModes } from "./persistentvolumeclaim.ts";

const sources = [
  "hostPath", "local", "nfs", "csi", "iscsi", "rbd", "cephfs", "fc", "flexVolume", "glusterfs", "awsElasticBlockStore",
  "gcePersistentDisk", "azureDisk", "azureFile", "vsphereVolume", "quobyte", "flocker", "portworxVolume", "scaleIO",
  "storageos", "photonPersistentDisk", "cinder",
] as const;

const spec = (o: KubeObject): PersistentVolumeSpec => (o as PersistentVolume).spec ?? {};
const sourceOf = (s: PersistentVolumeSpec) => Object.fromEntries(sources.filter((k) => s[k] != null).map((k) => [k, s[k]]));

export function defaultPersistentVolume(pv: PersistentVolume) {
  const s = (pv.spec ??= {});
  s.persistentVolumeReclaimPolicy ||= "Retain";
  s.volumeMode ||= "Filesystem";
  if (s.hostPath) s.hostPath.type ??= "";
  const status = ((pv as { status?: { phase?: string } }).status ??= {});
  status.phase ||= "Pending";
}

function validatePV(obj: KubeObject): StatusCause[] {
  const s = spec(obj);
  const causes = validateObjectMeta(obj, false);
  const modes = s.accessModes ?? [];
  if (modes.length === 0) causes.push(required("spec.accessModes", "at least 1 access mode is required"));
  for (const m of modes) if (!accessModes.includes(m)) causes.push(cause.notSupported("spec.accessModes", m, accessModes));
  const capacity = s.capacity ?? {};
  if (Object.keys(capacity).length === 0) causes.push(required("spec.capacity"));
  for (const [k, v] of Object.entries(capacity)) {
    if (k !== "storage") causes.push(cause.notSupported("spec.capacity", k, ["storage"]));
    else if (!tryParseQuantity(v)) causes.push(cause.invalid("spec.capacity[storage]", v, "must be a valid quantity, e.g. 1Gi"));
  }
  const set = Object.keys(sourceOf(s));
  if (set.length === 0) causes.push(required("spec", "must specify a volume type"));
  if (set.length > 1) causes.push(cause.forbidden(`spec.${set[1]}`, "may not specify more than 1 volume type"));
  if (s.hostPath && !s.hostPath.path) causes.push(required("spec.hostPath.path"));
  if (s.local) {
    if (!s.local.path) causes.push(required("spec.local.path"));
    if (!s.nodeAffinity) causes.push(required("spec.nodeAffinity", "Local volume requires node affinity"));
  }
  causes.push(...oneOf(s.persistentVolumeReclaimPolicy, "spec.persistentVolumeReclaimPolicy", ["Delete", "Recycle", "Retain"]));
  if (s.volumeMode) causes.push(...oneOf(s.volumeMode, "spec.volumeMode", ["Block", "Filesystem"]));
  return causes;
}

export const persistentVolumeStrategy: Strategy = {
  defaults: (obj) => defaultPersistentVolume(obj as PersistentVolume),
  validate: validatePV,
  validateUpdate(obj, old) {
    const causes: StatusCause[] = [];
    if (!semanticEqual(sourceOf(spec(obj)), sourceOf(spec(old)))) {
      causes.push(cause.forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"));
    }
    if (spec(obj).volumeMode !== spec(old).volumeMode) causes.push(cause.immutable("spec.volumeMode"));
    if (spec(old).nodeAffinity && !semanticEqual(spec(obj).nodeAffinity, spec(old).nodeAffinity)) {
      causes.push(cause.immutable("spec.nodeAffinity"));
    }
    return causes;
  },
};
