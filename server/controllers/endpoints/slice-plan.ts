// From the desired groups and the Service's existing slices to the writes that bring them
// together, touching as few slices as possible (upstream's reconciler in small): an endpoint
// stays in the slice that has it; new endpoints fill slices with room, then new slices of at
// most maxEndpoints; emptied slices go, except one placeholder when there are no endpoints.
// A slice whose content would not change is not written.
import type { Endpoint, EndpointSlice } from "kubernetes-types/discovery/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { sameJson } from "./cache.ts";
import { endpointKey, groupKey, serviceOwnerRef, sliceLabels, type SliceGroup, type SliceObject } from "./slice-desired.ts";
import type { ServiceObject } from "./pods.ts";
import { compareIp } from "./subsets.ts";

export interface SlicePlan {
  create: (KubeObject & EndpointSlice)[];
  update: SliceObject[];
  delete: SliceObject[];
}

export const MAX_ENDPOINTS_PER_SLICE = 100;

const byAddress = (a: Endpoint, b: Endpoint) => compareIp(a.addresses[0] ?? "", b.addresses[0] ?? "") || endpointKey(a).localeCompare(endpointKey(b));

export function planSlices(svc: ServiceObject, groups: Map<string, SliceGroup>, existing: SliceObject[], max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const labels = sliceLabels(svc);
  const owners = [serviceOwnerRef(svc)];
  const current = new Map<string, SliceObject[]>();
  for (const s of existing) {
    const owned = s.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid && r.controller);
    const key = groupKey(s.addressType, s.ports ?? []);
    if (!owned || !groups.has(key)) plan.delete.push(s);
    else current.set(key, [...(current.get(key) ?? []), s]);
  }
  const fresh = (g: SliceGroup, endpoints: Endpoint[]): KubeObject & EndpointSlice => ({
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels, ownerReferences: owners },
    addressType: g.addressType,
    endpoints,
    ports: g.ports,
  });
  for (const g of groups.values()) {
    const slices = current.get(g.key) ?? [];
    const placed = new Set<string>();
    // Keep every endpoint where it is (with its new content).
    const lists = slices.map((s) => {
      const kept: Endpoint[] = [];
      for (const e of s.endpoints ?? []) {
        const k = endpointKey(e);
        const want = g.endpoints.get(k);
        if (want && !placed.has(k) && kept.length < max) {
          kept.push(want);
          placed.add(k);
        }
      }
      return kept;
    });
    const rest = [...g.endpoints.entries()].filter(([k]) => !placed.has(k)).map(([, e]) => e);
    for (const list of lists) while (list.length < max && rest.length) list.push(rest.shift()!);
    const placeholder = g.endpoints.size === 0;
    slices.forEach((s, i) => {
      const endpoints = lists[i]!.sort(byAddress);
      if (endpoints.length === 0 && !(placeholder && i === 0)) return void plan.delete.push(s);
      const same = sameJson(s.endpoints ?? [], endpoints) && sameJson(s.ports ?? [], g.ports) && sameJson(s.metadata.labels, labels) && sameJson(s.metadata.ownerReferences, owners);
      if (!same) plan.update.push({ ...s, metadata: { ...s.metadata, labels, ownerReferences: owners }, endpoints, ports: g.ports });
    });
    while (rest.length) plan.create.push(fresh(g, rest.splice(0, max).sort(byAddress)));
    if (placeholder && slices.length === 0) plan.create.push(fresh(g, []));
  }
  return plan;
}
