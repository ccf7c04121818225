// ObjectMeta validation shared by every kind: name or generateName, namespace presence, labels,
// annotations (keys and the 256 KiB total) and finalizers. Field paths as upstream's.
import type { ObjectMeta } from "kubernetes-types/meta/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { isQualifiedName, isValidLabelValue } from "../../../shared/selectors/syntax.ts";
import { cause, invalidEach, nonNegative, required, tooLong, type StatusCause } from "./causes.ts";
import { nameIsDNSLabel, nameIsDNSSubdomain, type NameValidator } from "./names.ts";

export const totalAnnotationSizeLimit = 256 * 1024;
const standardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

export function validateLabels(labels: Record<string, string> | undefined | null, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    causes.push(...invalidEach(field, k, isQualifiedName(k)));
    if (typeof v !== "string") causes.push(cause.invalid(field, v, "must be a string"));
    else causes.push(...invalidEach(field, v, isValidLabelValue(v)));
  }
  return causes;
}

export function validateAnnotations(annotations: Record<string, string> | undefined | null, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Case does not matter in annotation keys.
    causes.push(...invalidEach(field, k, isQualifiedName(k.toLowerCase())));
    size += k.length + (typeof v === "string" ? v.length : 0);
  }
  if (size > totalAnnotationSizeLimit) causes.push(tooLong(field, totalAnnotationSizeLimit));
  return causes;
}

function validateFinalizers(finalizers: string[] | undefined, field: string): StatusCause[] {
  const list = finalizers ?? [];
  const causes: StatusCause[] = [];
  for (const f of list) causes.push(...invalidEach(field, f, isQualifiedName(f)));
  if (list.includes("orphan") && list.includes("foregroundDeletion")) {
    causes.push(cause.invalid(field, list, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  // Built-in kinds also require a domain unless the name is one of the standard ones.
  list.forEach((f, i) => {
    if (!f.includes("/") && !standardFinalizers.includes(f)) {
      causes.push(cause.invalid(`${field}[${i}]`, f, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return causes;
}

function validateOwnerReferences(refs: ObjectMeta["ownerReferences"], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  let controllers = 0;
  (refs ?? []).forEach((r, i) => {
    const path = `${field}[${i}]`;
    if (!r.apiVersion) causes.push(cause.invalid(`${path}.apiVersion`, r.apiVersion ?? "", "version must not be empty"));
    if (!r.kind) causes.push(cause.invalid(`${path}.kind`, r.kind ?? "", "kind must not be empty"));
    if (!r.name) causes.push(cause.invalid(`${path}.name`, r.name ?? "", "name must not be empty"));
    if (!r.uid) causes.push(cause.invalid(`${path}.uid`, r.uid ?? "", "uid must not be empty"));
    if (r.controller) controllers++;
  });
  if (controllers > 1) causes.push(cause.invalid(field, refs, "Only one reference can have Controller set to true."));
  return causes;
}

export interface MetaOptions {
  /** How `metadata.name` is checked; DNS-1123 subdomain by default. */
  nameFn?: NameValidator;
}

/**
 * Upstream's ValidateObjectMeta: a name (or generateName) of the kind's syntax, a namespace
 * when namespaced and none otherwise, valid labels, annotations, finalizers, owner references.
 */
export function validateObjectMeta(obj: KubeObject, namespaced: boolean, opts: MetaOptions = {}): StatusCause[] {
  const meta: ObjectMeta = obj.metadata ?? {};
  const nameFn = opts.nameFn ?? nameIsDNSSubdomain;
  const causes: StatusCause[] = [];
  if (meta.generateName) causes.push(...invalidEach("metadata.generateName", meta.generateName, nameFn(meta.generateName, true)));
  if (!meta.name) causes.push(required("metadata.name", "name or generateName is required"));
  else causes.push(...invalidEach("metadata.name", meta.name, nameFn(meta.name, false)));
  if (namespaced) {
    if (!meta.namespace) causes.push(required("metadata.namespace"));
    else causes.push(...invalidEach("metadata.namespace", meta.namespace, nameIsDNSLabel(meta.namespace, false)));
  } else if (meta.namespace) {
    causes.push(cause.forbidden("metadata.namespace", "not allowed on this type"));
  }
  causes.push(...nonNegative(meta.generation, "metadata.generation"));
  causes.push(...validateLabels(meta.labels, "metadata.labels"));
  causes.push(...validateAnnotations(meta.annotations, "metadata.annotations"));
  causes.push(...validateOwnerReferences(meta.ownerReferences, "metadata.ownerReferences"));
  causes.push(...validateFinalizers(meta.finalizers, "metadata.finalizers"));
  return causes;
}
