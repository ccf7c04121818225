// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
// node.kubernetes.io/unschedulable:NoSchedule taint.
import { tolerates } from "../tolerations.ts";
import { fail, OK, type Filter } from "../types.ts";

export const UNSCHEDULABLE_REASON = "node(s) were unschedulable";

const taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };

export const nodeUnschedulable: Filter = (pod, node) => {
  if (!node.node.spec?.unschedulable) return OK;
  if ((pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint))) return OK;
  return fail(UNSCHEDULABLE_REASON);
};
