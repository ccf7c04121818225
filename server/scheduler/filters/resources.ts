// NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves after the
// requests of the pods already there (bound or assumed), and the node must take one more pod.
// Each shortfall is its own reason, as upstream counts them ("Insufficient cpu", "Too many pods").
import { podResources } from "../resources.ts";
import { fail, OK, type Filter } from "../types.ts";

export const resourcesFit: Filter = (pod, node, ctx) => {
  const reasons: string[] = [];
  if (node.pods.size + 1 > node.allowedPods) reasons.push("Too many pods");
  const want = ctx.pod === pod ? ctx.info.requests : podResources(pod).requests;
  const have = node.allocatable;
  const used = node.requested;
  if (want.milliCPU > 0 && want.milliCPU > have.milliCPU - used.milliCPU) reasons.push("Insufficient cpu");
  if (want.memory > 0 && want.memory > have.memory - used.memory) reasons.push("Insufficient memory");
  if (want.ephemeralStorage > 0 && want.ephemeralStorage > have.ephemeralStorage - used.ephemeralStorage) reasons.push("Insufficient ephemeral-storage");
  for (const [name, v] of Object.entries(want.scalar)) {
    if (v > 0 && v > (have.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length ? fail(reasons[0]!, ...reasons.slice(1)) : OK;
};
