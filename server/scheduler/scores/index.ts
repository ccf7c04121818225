// The scorers and their weights (upstream's default profile: TaintToleration 3, NodeAffinity 2,
// PodTopologySpread 2, NodeResourcesFit 1; owner spreading stands in for the default spreading).
import type { Scorer } from "../types.ts";
import { leastAllocated } from "./least-allocated.ts";
import { nodeAffinityScore } from "./node-affinity.ts";
import { ownerSpread } from "./owner-spread.ts";
import { taintScore } from "./taints.ts";
import { topologySpreadScore } from "./topology-spread.ts";

export const defaultScorers: readonly Scorer[] = [leastAllocated, ownerSpread, topologySpreadScore, taintScore, nodeAffinityScore];

export { defaultNormalize } from "./normalize.ts";
export { leastAllocated, nodeAffinityScore, ownerSpread, taintScore, topologySpreadScore };
