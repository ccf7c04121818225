// The generic shape every stored Kubernetes object has. Typed kinds come from `kubernetes-types`.
import type { ObjectMeta as UpstreamObjectMeta } from "kubernetes-types/meta/v1";

/** Upstream's ObjectMeta, writable: the server fills in and carries over its fields. */
export type ObjectMeta = { -readonly [K in keyof UpstreamObjectMeta]: UpstreamObjectMeta[K] };

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** A stored object always has metadata with name, uid and resourceVersion. */
export interface StoredObject extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string };
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepClone<T>(v: T): T {
  return structuredClone(v);
}
