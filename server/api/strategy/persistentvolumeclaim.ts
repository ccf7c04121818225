// core/v1 PersistentVolumeClaim: volumeMode default, access modes and a storage request, and
// a spec that is immutable after creation except resources.requests (and only when bound).
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { tryParseQuantity } from "../../../shared/quantity/index.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, oneOf, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { defaultPVCSpec } from "./pod-defaults.ts";
import { validateLabelSelector } from "./selector.ts";

export const accessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

export function validatePVCSpec(spec: PersistentVolumeClaimSpec | undefined, field: string): StatusCause[] {
  const s = spec ?? {};
  const causes: StatusCause[] = [];
  const modes = s.accessModes ?? [];
  if (modes.length === 0) causes.push(required(`${field}.accessModes`, "at least 1 access mode is required"));
  modes.forEach((m) => {
    if (!accessModes.includes(m)) causes.push(cause.notSupported(`${field}.accessModes`, m, accessModes));
  });
  if (modes.includes("ReadWriteOncePod") && modes.length > 1) {
    causes.push(cause.forbidden(`${field}.accessModes`, "may not use ReadWriteOncePod with other access modes"));
  }
  causes.push(...validateLabelSelector(s.selector, `${field}.selector`));
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) causes.push(required(`${field}.resources[storage]`));
  else {
    const q = tryParseQuantity(storage);
    if (!q) causes.push(cause.invalid(`${field}.resources.requests[storage]`, storage, "must be a valid quantity, e.g. 1Gi"));
    else if (q.sign() <= 0) causes.push(cause.invalid(`${field}.resources[storage]`, storage, "must be greater than zero"));
  }
  if (s.volumeMode) causes.push(...oneOf(s.volumeMode, `${field}.volumeMode`, ["Block", "Filesystem"]));
  if (s.storageClassName) {
    // Any DNS subdomain; checked loosely here (the class need not exist yet).
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s.storageClassName)) {
      causes.push(cause.invalid(`${field}.storageClassName`, s.storageClassName, "must be a valid DNS subdomain name"));
    }
  }
  return causes;
}

const specOf = (o: KubeObject) => ((o as PersistentVolumeClaim).spec ?? {}) as PersistentVolumeClaimSpec;

export const pvcStrategy: Strategy = {
  defaults(obj) {
    const pvc = obj as PersistentVolumeClaim;
    defaultPVCSpec((pvc.spec ??= {}));
    const status = ((obj as { status?: Record<string, unknown> }).status ??= {});
    status.phase ||= "Pending";
  },
  validate: (obj) => [...validateObjectMeta(obj, true), ...validatePVCSpec(specOf(obj), "spec")],
  validateUpdate(obj, old) {
    const next = structuredClone(specOf(obj));
    const prev = specOf(old);
    const bound = (old as PersistentVolumeClaim).status?.phase === "Bound" || !!prev.volumeName;
    if (bound) {
      next.resources = { ...next.resources, requests: prev.resources?.requests };
      next.volumeAttributesClassName = prev.volumeAttributesClassName;
    }
    // The binder may fill in volumeName once.
    if (!prev.volumeName) next.volumeName = prev.volumeName;
    if (semanticEqual(next, prev)) return [];
    return [cause.forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims")];
  },
};
