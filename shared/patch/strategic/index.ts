// Strategic merge patch (`application/strategic-merge-patch+json`) for built-in kinds, applied the
// way the apiserver does (MergeParallelList, IgnoreUnmatchedNulls), driven by the schema table.
import { errors, StatusError } from "../../api/errors.ts";
import { GENERIC_ROOT, hasStrategicSchema, typeSchema } from "../schema/index.ts";
import { clone, isObj, type Obj } from "../json-value.ts";
import { smpErrors } from "./errors.ts";
import { mergeMap } from "./map.ts";

export { hasStrategicSchema };

/**
 * Applies a strategic merge patch to an object of kind `typeName` ("Deployment", "Pod", …; unknown
 * kinds merge generically). Returns a new object; bad patches throw a 400/422 StatusError.
 */
export function applyStrategicMergePatch(original: object, patch: object, typeName: string): Obj {
  if (!isObj(original)) throw smpErrors.notObject("the original object", original);
  if (!isObj(patch)) throw smpErrors.notObject("the patch", patch);
  const root = typeSchema(typeName) ? typeName : GENERIC_ROOT;
  try {
    return mergeMap(clone(original), clone(patch), root);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw errors.badRequest(`unable to apply strategic merge patch: ${e instanceof Error ? e.message : String(e)}`);
  }
}
