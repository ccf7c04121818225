// core/v1 ConfigMap: valid keys, no key in both data and binaryData, at most 1 MiB, and frozen
// content once `immutable: true`.
import type { ConfigMap } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, tooLong, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { isConfigMapKey } from "./names.ts";

export const maxDataSize = 1024 * 1024;

/** Decoded length of standard base64, or undefined when the text is not base64. */
export function base64Length(s: string): number | undefined {
  if (typeof s !== "string" || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return (s.length / 4) * 3 - (s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0);
}

function validateConfigMap(obj: KubeObject): StatusCause[] {
  const cm = obj as ConfigMap;
  const causes = validateObjectMeta(obj, true);
  let size = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    causes.push(...invalidEach(`data[${k}]`, k, isConfigMapKey(k)));
    if (cm.binaryData && k in cm.binaryData) causes.push(cause.invalid(`data[${k}]`, k, "duplicate of key present in binaryData"));
    size += new TextEncoder().encode(String(v)).length;
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    causes.push(...invalidEach(`binaryData[${k}]`, k, isConfigMapKey(k)));
    const n = base64Length(v);
    if (n === undefined) causes.push(cause.invalid(`binaryData[${k}]`, "<binary data>", "must be base64-encoded"));
    size += n ?? 0;
  }
  if (size > maxDataSize) causes.push(tooLong("", maxDataSize));
  return causes;
}

/** ConfigMaps and Secrets marked immutable keep their content and the flag. */
export function immutableContent(next: KubeObject, old: StoredObject, fields: string[]): StatusCause[] {
  if (old.immutable !== true) return [];
  const causes: StatusCause[] = [];
  if (next.immutable !== true) causes.push(cause.forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const f of fields) {
    if (!semanticEqual(next[f], old[f])) causes.push(cause.forbidden(f, "field is immutable when `immutable` is set"));
  }
  return causes;
}

export const configMapStrategy: Strategy = {
  validate: validateConfigMap,
  validateUpdate: (obj, old) => immutableContent(obj, old, ["data", "binaryData"]),
};
