// TaintToleration: every NoSchedule and NoExecute taint of the node must be tolerated by the pod.
// PreferNoSchedule taints only lower the node's score (scores/taints.ts).
import { SCHEDULE_EFFECTS, taintText, untoleratedTaint } from "../tolerations.ts";
import { fail, OK, type Filter } from "../types.ts";

export const taintToleration: Filter = (pod, node) => {
  const taint = untoleratedTaint(node.node.spec?.taints, pod.spec?.tolerations, SCHEDULE_EFFECTS);
  return taint ? fail(`node(s) had untolerated taint ${taintText(taint)}`) : OK;
};
