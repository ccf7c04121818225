// Which nodes run a daemon pod (upstream's NodeShouldRunDaemonPod), with the scheduler's own
// node-selection and taint checks applied to the pod the DaemonSet would create there:
//   - spec.nodeName (if the template pins one), nodeSelector and required node affinity must fit;
//   - every NoSchedule/NoExecute taint must be tolerated to start a pod; a pod already there keeps
//     running as long as its NoExecute taints are tolerated.
import type { Pod } from "kubernetes-types/core/v1";
import { podFitsNodeSelection } from "../../scheduler/node-selector.ts";
import { SCHEDULE_EFFECTS, untoleratedTaint } from "../../scheduler/tolerations.ts";
import { daemonTolerations } from "./template.ts";
import type { DaemonSetObject, NodeObject } from "./types.ts";

export interface NodeVerdict {
  /** A daemon pod should be created here if missing. */
  shouldRun: boolean;
  /** A daemon pod already here may stay. */
  shouldContinueRunning: boolean;
}

const NO_EXECUTE: ReadonlySet<string> = new Set(["NoExecute"]);

export function nodeShouldRunDaemonPod(node: NodeObject, ds: DaemonSetObject): NodeVerdict {
  const template = ds.spec!.template;
  const spec = template.spec ?? { containers: [] };
  const pod: Pod = { metadata: template.metadata, spec: { ...spec, nodeName: node.metadata.name, tolerations: daemonTolerations(spec) } };
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return no;
  if (!podFitsNodeSelection(pod, node)) return no;
  const taints = node.spec?.taints;
  if (untoleratedTaint(taints, pod.spec!.tolerations, SCHEDULE_EFFECTS)) {
    return { shouldRun: false, shouldContinueRunning: !untoleratedTaint(taints, pod.spec!.tolerations, NO_EXECUTE) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
