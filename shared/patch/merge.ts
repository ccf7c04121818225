// RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge recursively,
// `null` deletes a key, everything else (arrays included) replaces the target value.
import { errors } from "../api/errors.ts";
import { clone, has, isObj, jsonKind, setOwn, type Obj } from "./json-value.ts";

/**
 * Applies a merge patch to a Kubernetes object. The patch must be a JSON object (a whole-document
 * replacement cannot produce an object of the same kind), otherwise 400. Inputs are not mutated.
 */
export function applyMergePatch(original: object, patch: unknown): Obj {
  if (!isObj(patch)) {
    throw errors.badRequest(`json merge patch must be a JSON object, got ${jsonKind(patch)}`);
  }
  return mergeInto(isObj(original) ? clone(original) : {}, patch);
}

function mergeInto(target: Obj, patch: Obj): Obj {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (isObj(value)) {
      const current = has(target, key) ? target[key] : undefined;
      setOwn(target, key, mergeInto(isObj(current) ? current : {}, value));
    } else {
      setOwn(target, key, clone(value));
    }
  }
  return target;
}
