// core/v1 Node: podCIDR and podCIDRs mirror each other, allocatable defaults to capacity, taints
// are valid, and podCIDRs / providerID may only go from unset to set.
import type { Node, NodeSpec } from "kubernetes-types/core/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isCIDR, isQualifiedName } from "./names.ts";
import { isValidLabelValue } from "../../../shared/selectors/syntax.ts";

export const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export function defaultNode(node: Node) {
  const spec = (node.spec ??= {});
  if (spec.podCIDR && !spec.podCIDRs?.length) spec.podCIDRs = [spec.podCIDR];
  if (!spec.podCIDR && spec.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
  const status = (node as { status?: { capacity?: Record<string, string>; allocatable?: Record<string, string> } }).status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

function validateNodeSpec(spec: NodeSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  (spec.podCIDRs ?? []).forEach((c, i) => {
    if (!isCIDR(c)) causes.push(cause.invalid(`spec.podCIDRs[${i}]`, c, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  });
  if ((spec.podCIDRs?.length ?? 0) > 2) causes.push(cause.invalid("spec.podCIDRs", spec.podCIDRs, "may specify no more than one CIDR for each IP family"));
  const seen = new Set<string>();
  (spec.taints ?? []).forEach((t, i) => {
    const path = `spec.taints[${i}]`;
    if (!t.key) causes.push(required(`${path}.key`));
    else causes.push(...invalidEach(`${path}.key`, t.key, isQualifiedName(t.key)));
    if (t.value) causes.push(...invalidEach(`${path}.value`, t.value, isValidLabelValue(t.value)));
    causes.push(...oneOf(t.effect, `${path}.effect`, taintEffects));
    const key = `${t.key}:${t.effect}`;
    if (seen.has(key)) causes.push(cause.duplicate(path, `${t.key}:${t.effect}`));
    seen.add(key);
  });
  return causes;
}

export const nodeStrategy: Strategy = {
  defaults: (obj) => defaultNode(obj as Node),
  validate: (obj) => [...validateObjectMeta(obj, false), ...validateNodeSpec((obj as Node).spec ?? {})],
  validateUpdate(obj, old) {
    const next = (obj as Node).spec ?? {};
    const prev = (old as Node).spec ?? {};
    const causes: StatusCause[] = [];
    const oldCIDRs = prev.podCIDRs ?? [];
    if (oldCIDRs.length > 0) {
      const newCIDRs = next.podCIDRs ?? [];
      if (oldCIDRs.length !== newCIDRs.length || oldCIDRs.some((c, i) => c !== newCIDRs[i])) {
        causes.push(cause.forbidden("spec.podCIDRs", 'node updates may not change podCIDR except from "" to valid'));
      }
    }
    if (prev.providerID && prev.providerID !== next.providerID) {
      causes.push(cause.forbidden("spec.providerID", 'node updates may not change providerID except from "" to valid'));
    }
    return causes;
  },
  fieldSelectors: {
    "spec.unschedulable": (o) => String((o as Node).spec?.unschedulable ?? false),
  },
};
