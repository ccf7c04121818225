// A pod from a controller's template (upstream's GetPodFromTemplate): the template's labels,
// annotations and finalizers, generateName "<controller name>-", the controller reference,
// and the template's spec unchanged.
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { controllerRef } from "./types.ts";

export function podFromTemplate(template: PodTemplateSpec | undefined, owner: StoredObject): KubeObject {
  const meta = template?.metadata ?? {};
  const metadata: Record<string, unknown> = { generateName: `${owner.metadata.name}-`, namespace: owner.metadata.namespace };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [controllerRef(owner)];
  return { apiVersion: "v1", kind: "Pod", metadata, spec: structuredClone(template?.spec ?? {}) };
}
