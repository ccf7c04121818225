// Label selectors as matchers: from the query-string form (`?labelSelector=`) or from a
// `LabelSelector` object (a Deployment's `spec.selector`), and back to the string form.
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { errors } from "../api/errors.ts";
import { parseRequirements } from "./label-parser.ts";
import {
  matchesRequirement, newRequirement, requirementToString, SelectorError, type Labels, type Operator, type Requirement,
} from "./requirement.ts";

export interface LabelMatcher {
  /** AND of these; sorted by key. */
  readonly requirements: readonly Requirement[];
  /** True when the selector places no restriction (it matches everything). */
  readonly empty: boolean;
  matches(labels: Labels): boolean;
  /** Upstream's Selector.String(): `a=b,c in (x,y)`; "" for everything and for nothing. */
  toString(): string;
  /** The single value a key must have (`k=v`, `k==v`, `k in (v)`), if the selector demands one. */
  requiresExactMatch(key: string): string | undefined;
}

class RequirementsMatcher implements LabelMatcher {
  constructor(readonly requirements: readonly Requirement[]) {}
  get empty() {
    return this.requirements.length === 0;
  }
  matches(labels: Labels): boolean {
    return this.requirements.every((r) => matchesRequirement(r, labels));
  }
  toString(): string {
    return this.requirements.map(requirementToString).join(",");
  }
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (!r) return undefined;
    const exact = r.operator === "=" || r.operator === "==" || r.operator === "in";
    return exact && r.values.length === 1 ? r.values[0] : undefined;
  }
}

const nothingMatcher: LabelMatcher = {
  requirements: [],
  empty: false,
  matches: () => false,
  toString: () => "",
  requiresExactMatch: () => undefined,
};

export const everything = (): LabelMatcher => new RequirementsMatcher([]);
export const nothing = (): LabelMatcher => nothingMatcher;

const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Parse `?labelSelector=`. An empty string matches everything. Bad input → 400 BadRequest. */
export function parseLabelSelector(selector: string): LabelMatcher {
  try {
    return new RequirementsMatcher(parseRequirements(selector));
  } catch (e) {
    if (e instanceof SelectorError) throw errors.badRequest(e.message);
    throw e;
  }
}

const objectOperators: Record<string, Operator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/**
 * Upstream's LabelSelectorAsSelector: absent → matches nothing; `{}` → matches everything;
 * otherwise matchLabels (as `k=v`) AND matchExpressions. Throws SelectorError on invalid content.
 */
export function labelSelectorFromObject(sel: LabelSelector | undefined | null): LabelMatcher {
  if (sel == null) return nothing();
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, "=", [v]));
  for (const e of exprs) {
    const op = objectOperators[e.operator];
    if (!op) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, [...(e.values ?? [])]));
  }
  return new RequirementsMatcher(reqs.sort(byKey));
}

/**
 * Upstream's FormatLabelSelector, as `kubectl describe` and `rollout history` print it:
 * `app=web,tier in (a,b)`, `<none>` when empty, `<error>` when invalid.
 */
export function selectorToString(sel: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = labelSelectorFromObject(sel).toString();
  } catch (e) {
    if (e instanceof SelectorError) return "<error>";
    throw e;
  }
  return s === "" ? "<none>" : s;
}

/** True when `labels` satisfy a LabelSelector object (absent selector: false; invalid: false). */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  try {
    return labelSelectorFromObject(sel).matches(labels);
  } catch (e) {
    if (e instanceof SelectorError) return false;
    throw e;
  }
}

/** A predicate over label sets for a LabelSelector object; an invalid selector matches nothing. */
export function labelSelectorMatcher(sel: LabelSelector | undefined | null): (labels: Labels) => boolean {
  let m: LabelMatcher;
  try {
    m = labelSelectorFromObject(sel);
  } catch (e) {
    if (e instanceof SelectorError) return () => false;
    throw e;
  }
  return (labels) => m.matches(labels);
}
