// TaintToleration score: fewer PreferNoSchedule taints the pod does not tolerate → higher score.
import { untoleratedTaint } from "../tolerations.ts";
import type { Scorer } from "../types.ts";
import { defaultNormalize } from "./normalize.ts";

const PREFER = new Set(["PreferNoSchedule"]);

export const taintScore: Scorer = {
  name: "TaintToleration",
  weight: 3,
  score(pod, node) {
    let n = 0;
    for (const taint of node.node.spec?.taints ?? []) {
      if (untoleratedTaint([taint], pod.spec?.tolerations, PREFER)) n++;
    }
    return n;
  },
  normalize: (scores) => defaultNormalize(scores, true),
};
