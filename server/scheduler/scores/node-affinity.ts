// NodeAffinity score: the summed weights of the preferred node affinity terms the node matches,
// scaled so the best node gets 100.
import { termMatchesNode } from "../node-selector.ts";
import type { Scorer } from "../types.ts";
import { defaultNormalize } from "./normalize.ts";

export const nodeAffinityScore: Scorer = {
  name: "NodeAffinity",
  weight: 2,
  score(pod, node) {
    let s = 0;
    for (const t of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (t.weight && termMatchesNode(t.preference, node.node)) s += t.weight;
    }
    return s;
  },
  normalize: (scores) => defaultNormalize(scores),
};
