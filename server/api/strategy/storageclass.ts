// storage.k8s.io/v1 StorageClass: reclaimPolicy Delete and volumeBindingMode Immediate by
// default; provisioner, parameters and reclaim policy are fixed after creation.
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { isQualifiedName } from "./names.ts";

const sc = (o: KubeObject) => o as unknown as StorageClass;

export const storageClassStrategy: Strategy = {
  defaults(obj) {
    const s = sc(obj);
    s.reclaimPolicy ||= "Delete";
    s.volumeBindingMode ||= "Immediate";
  },
  validate(obj) {
    const s = sc(obj);
    const causes: StatusCause[] = validateObjectMeta(obj, false);
    if (!s.provisioner) causes.push(required("provisioner"));
    else causes.push(...invalidEach("provisioner", s.provisioner, isQualifiedName(s.provisioner.toLowerCase())));
    causes.push(...oneOf(s.reclaimPolicy, "reclaimPolicy", ["Delete", "Retain"]));
    causes.push(...oneOf(s.volumeBindingMode, "volumeBindingMode", ["Immediate", "WaitForFirstConsumer"]));
    return causes;
  },
  validateUpdate(obj, old) {
    const causes: StatusCause[] = [];
    if (!semanticEqual(sc(obj).parameters, sc(old).parameters)) causes.push(cause.forbidden("parameters", "updates to parameters are forbidden."));
    if (sc(obj).provisioner !== sc(old).provisioner) causes.push(cause.forbidden("provisioner", "updates to provisioner are forbidden."));
    if (sc(obj).reclaimPolicy !== sc(old).reclaimPolicy) causes.push(cause.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    if (sc(obj).volumeBindingMode !== sc(old).volumeBindingMode) causes.push(cause.immutable("volumeBindingMode"));
    return causes;
  },
};
