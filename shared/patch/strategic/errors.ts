// Errors of strategic merge patch, with the apiserver's codes: malformed directives are 400,
// lists of lists and retainKeys mismatches 422. Upstream returns a 500 for a few patch mistakes
// (a list item without its merge key); kubun answers 400 for those, naming the rule and the value.
import { errors, StatusError } from "../../api/errors.ts";
import { describe } from "../json-value.ts";

export const smpErrors = {
  badRetainKeys: (detail: string) => errors.badRequest(`invalid patch format of retainKeys: ${detail}`),
  badPrimitiveList: (detail: string) => errors.badRequest(`invalid patch format of primitive list: ${detail}`),
  badSetElementOrder: (detail: string) => errors.badRequest(`invalid patch format of setElementOrder list: ${detail}`),
  noMergeKey: (item: unknown, key: string) =>
    errors.badRequest(`map: ${describe(item)} does not contain declared merge key: ${key}`),
  badPatchType: (directive: unknown, where: unknown) =>
    errors.badRequest(`unknown patch type: ${describe(directive)} in map: ${describe(where)}`),
  badElement: (field: string, expected: string, item: unknown) =>
    errors.badRequest(`${field}: expected a ${expected} list element, but received ${describe(item)}`),
  mixedElements: (field: string) => errors.badRequest(`${field}: list element types are not identical`),
  noMergeKeyDeclared: (field: string) =>
    errors.badRequest(`${field}: cannot merge lists of objects without a merge key`),
  listOfLists: (field: string) => new StatusError(422, "Invalid", `lists of lists are not supported: ${field}`),
  notObject: (what: string, v: unknown) =>
    errors.badRequest(`strategic merge patch: ${what} must be a JSON object, got ${describe(v)}`),
};
