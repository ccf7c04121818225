// One row per resource kind. The generic handler, discovery, OpenAPI and Table output are all
// driven from these rows: adding a kind means adding a row, not a handler.
import type { StatusCause } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";

export interface ScaleSubresource {
  /** JSON paths (dot form) into the object. */
  specReplicasPath: string; // "spec.replicas"
  statusReplicasPath: string; // "status.replicas"
  labelSelectorPath?: string; // "status.selector" (string) or computed from spec.selector
}

/** Per-kind behaviour: defaulting, validation, and what create/update may change. */
export interface Strategy {
  /** Fill defaults in place (on create and update, as upstream's defaulting does on decode). */
  defaults?(obj: KubeObject): void;
  /** Validation on create. Return causes; empty = valid. */
  validate?(obj: KubeObject): StatusCause[];
  /** On update, after defaults and before validation: carry over or drop what depends on the
   * stored version (upstream's PrepareForUpdate), e.g. a Service's allocated clusterIP. */
  prepareForUpdate?(obj: KubeObject, old: StoredObject): void;
  /** Extra validation on update (immutable fields, etc.). */
  validateUpdate?(obj: KubeObject, old: StoredObject): StatusCause[];
  /** True if the kind has a spec whose changes bump metadata.generation. */
  hasGeneration?: boolean;
  /** Field selectors beyond metadata.name / metadata.namespace: field → value getter. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /** If false, a status-subresource write may also change nothing but status. Default: the
   * main resource ignores `status` when the kind has a status subresource. */
}

export interface ResourceType {
  group: string; // "" for core
  version: string;
  kind: string;
  listKind?: string; // default `${kind}List`
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Verbs on the main resource; default is the full CRUD + watch set. */
  verbs?: string[];
  /** Has a /status subresource. */
  status?: boolean;
  scale?: ScaleSubresource;
  /** Other subresources served by special handlers: log, exec, attach, portforward, eviction, binding, proxy. */
  extraSubresources?: string[];
  /** The Go type name used to look up strategic-merge-patch metadata ("Deployment"); absent → SMP is 415 (CRDs). */
  smpType?: string;
  strategy: Strategy;
  /** For custom resources: the CRD's openAPIV3Schema for this version. */
  crdSchema?: Record<string, unknown>;
  /** For custom resources: the CRD version's additionalPrinterColumns. */
  additionalPrinterColumns?: unknown[];
}

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
