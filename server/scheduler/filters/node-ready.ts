// NodeReady: a node whose Ready condition is not True takes only pods that tolerate the taint
// the node lifecycle controller puts on it (node.kubernetes.io/not-ready, or unreachable when
// the status is Unknown, effect NoSchedule); the reason reads as that taint's would.
import type { Taint } from "kubernetes-types/core/v1";
import { taintText, tolerates } from "../tolerations.ts";
import { fail, OK, type Filter } from "../types.ts";

const notReady: Taint = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };
const unreachable: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" };

export const nodeReady: Filter = (pod, node) => {
  const ready = node.node.status?.conditions?.find((c) => c.type === "Ready");
  if (ready?.status === "True") return OK;
  const taint = ready?.status === "Unknown" ? unreachable : notReady;
  if ((pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint))) return OK;
  return fail(`node(s) had untolerated taint ${taintText(taint)}`);
};
