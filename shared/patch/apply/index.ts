// Server-side apply and managedFields bookkeeping.
export { serverSideApply, type ApplyOptions } from "./apply.ts";
export { recordUpdate, MAX_UPDATE_MANAGERS, type UpdateOptions } from "./update.ts";
export { FieldSet } from "./set.ts";
export { prettyPath } from "./path.ts";
