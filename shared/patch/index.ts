// The patch engines: pure functions from (object, patch) to object, throwing StatusError.
export { applyMergePatch } from "./merge.ts";
export { applyJsonPatch, decodeJsonPatch, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOp } from "./json.ts";
export { applyStrategicMergePatch, hasStrategicSchema } from "./strategic/index.ts";
export { serverSideApply, recordUpdate, type ApplyOptions, type UpdateOptions } from "./apply/index.ts";
