// The pod's QoS class from its containers' cpu/memory requests and limits (upstream GetPodQOS):
// BestEffort when none are set, Guaranteed when every container limits both and requests equal
// limits, Burstable otherwise.
import type { Pod } from "kubernetes-types/core/v1";
import { toMilli, tryParseQuantity } from "../../../shared/quantity/index.ts";

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

const COMPUTE = ["cpu", "memory"];

export function qosClass(pod: Pod): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const add = (into: Map<string, bigint>, list: Record<string, unknown> | undefined, found?: Set<string>) => {
    for (const [name, value] of Object.entries(list ?? {})) {
      if (!COMPUTE.includes(name)) continue;
      const q = tryParseQuantity(value);
      if (!q) continue;
      const milli = toMilli(q);
      if (milli <= 0n) continue;
      into.set(name, (into.get(name) ?? 0n) + milli);
      found?.add(name);
    }
  };
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    add(requests, c.resources?.requests);
    const found = new Set<string>();
    add(limits, c.resources?.limits, found);
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  if (!requests.size && !limits.size) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
