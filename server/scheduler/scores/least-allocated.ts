// NodeResourcesFit, LeastAllocated: prefer nodes with the most CPU and memory left after the pod,
// counting upstream's defaults (100m, 200Mi) for containers without requests. 0–100, equal weights.
import { MAX_SCORE, type Scorer } from "../types.ts";

function free(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_SCORE) / capacity);
}

export const leastAllocated: Scorer = {
  name: "LeastAllocated",
  weight: 1,
  score(_pod, node, ctx) {
    const want = ctx.info.nonZero;
    const cpu = free(node.nonZeroRequested.milliCPU + want.milliCPU, node.allocatable.milliCPU);
    const memory = free(node.nonZeroRequested.memory + want.memory, node.allocatable.memory);
    return Math.trunc((cpu + memory) / 2);
  },
};
