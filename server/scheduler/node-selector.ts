// Node selector terms (node affinity): ORed terms, each an AND of label expressions
// (In, NotIn, Exists, DoesNotExist, Gt, Lt) and field expressions (metadata.name In/NotIn).
// An empty term, or one with an invalid expression, matches no node — as upstream.
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from "kubernetes-types/core/v1";

const INT = /^[+-]?\d+$/;

function labelRequirement(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(v!);
    case "NotIn":
      return !has || !values.includes(v!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1 || !INT.test(values[0]!) || !INT.test(v!)) return false;
      const a = BigInt(v!);
      const b = BigInt(values[0]!);
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

function fieldRequirement(r: NodeSelectorRequirement, node: Node): boolean {
  if (r.key !== "metadata.name" || r.values?.length !== 1) return false;
  const name = node.metadata?.name ?? "";
  if (r.operator === "In") return name === r.values[0];
  if (r.operator === "NotIn") return name !== r.values[0];
  return false;
}

export function termMatchesNode(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return exprs.every((r) => labelRequirement(r, labels)) && fields.every((r) => fieldRequirement(r, node));
}

/** spec.nodeSelector and required node affinity both allow the node. */
export function podFitsNodeSelection(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => termMatchesNode(t, node));
}
