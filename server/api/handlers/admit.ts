// The checks every write passes before it is stored: unknown fields (per fieldValidation), JSON
// types against the kind's schema, defaulting and validation by the kind's strategy. Failures
// change nothing.
import { errors, type StatusCause } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { unknownFieldPaths } from "../openapi/fields.ts";
import { checkTypes } from "../openapi/types.ts";
import type { WriteOptions } from "../request/options.ts";
import { warn } from "../respond.ts";
import type { ResourceType } from "../registry/types.ts";

/** Delete a dotted path such as `spec.containers[0].bogus` from an object. */
function deletePath(obj: KubeObject, path: string) {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: unknown = obj;
  for (let i = 0; i < parts.length - 1 && cur; i++) {
    const p = parts[i];
    cur = p.startsWith("[") ? (cur as unknown[])[Number(p.slice(1, -1))] : (cur as Record<string, unknown>)[p];
  }
  if (cur && typeof cur === "object") delete (cur as Record<string, unknown>)[parts[parts.length - 1]];
}

/** Unknown fields: Strict → 400, Warn → Warning header; either way they are not stored. */
export function checkFields(rt: ResourceType, obj: KubeObject, opts: WriteOptions, headers: Headers) {
  const unknown = unknownFieldPaths(rt, obj);
  if (!unknown.length) return;
  if (opts.fieldValidation === "Strict") {
    const list = unknown.map((p) => `unknown field "${p}"`);
    throw errors.badRequest(`${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${list.join(", ")}`);
  }
  if (opts.fieldValidation === "Warn") for (const p of unknown) warn(headers, `unknown field "${p}"`);
  for (const p of unknown) deletePath(obj, p);
}

/** Types first: strategies may rely on them, and typed clients could not read the object otherwise. */
export function admit(rt: ResourceType, obj: KubeObject, old?: StoredObject) {
  checkTypes(rt, obj, old);
  rt.strategy.defaults?.(obj);
  if (old) rt.strategy.prepareForUpdate?.(obj, old);
  const causes: StatusCause[] = [...(rt.strategy.validate?.(obj) ?? [])];
  if (old) causes.push(...(rt.strategy.validateUpdate?.(obj, old) ?? []));
  failIfInvalid(rt, obj, causes);
}

export function failIfInvalid(rt: ResourceType, obj: KubeObject, causes: StatusCause[]) {
  if (causes.length) throw errors.invalid(rt.kind, rt.group, obj.metadata?.name ?? "", causes);
}
