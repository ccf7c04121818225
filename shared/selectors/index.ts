// Label and field selectors: parsing, matching and printing, with upstream's syntax and messages.
export {
  everything, labelSelectorFromObject, labelSelectorMatcher, nothing, parseLabelSelector, selectorMatches, selectorToString,
  type LabelMatcher,
} from "./labels.ts";
export { newRequirement, SelectorError, type Labels, type Operator, type Requirement } from "./requirement.ts";
export {
  checkFieldSelector, compileFieldSelector, escapeFieldValue, fieldSelectorToString, matchFields, parseFieldSelector,
  requiresExactField, type FieldGetters, type FieldOp, type FieldTerm,
} from "./fields.ts";
export {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, maxLenError, regexError,
} from "./syntax.ts";
