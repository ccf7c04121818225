// PodTopologySpread, whenUnsatisfiable DoNotSchedule: placing the pod in the node's domain must
// keep (matching pods there + the pod itself if it matches) − (fewest in any domain) ≤ maxSkew.
// A node without the constraint's topology label cannot take the pod.
import { fail, OK, type Filter } from "../types.ts";

export const SPREAD_REASON = "node(s) didn't match pod topology spread constraints";
export const SPREAD_LABEL_REASON = `${SPREAD_REASON} (missing required label)`;

export const topologySpread: Filter = (pod, node, ctx) => {
  const hard = ctx.hardSpread;
  if (!hard.length) return OK;
  const labels = node.labels;
  for (const dc of hard) {
    if (!Object.hasOwn(labels, dc.constraint.topologyKey)) return fail(SPREAD_LABEL_REASON);
  }
  for (const dc of hard) {
    const c = dc.constraint;
    const self = c.selector.matches(pod.metadata?.labels) ? 1 : 0;
    const here = dc.counts.get(labels[c.topologyKey]!) ?? 0;
    if (here + self - dc.min > c.maxSkew) return fail(SPREAD_REASON);
  }
  return OK;
};
