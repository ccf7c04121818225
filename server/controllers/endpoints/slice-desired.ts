// What discovery.k8s.io/v1 EndpointSlices a Service with a selector should have, as upstream's
// endpointslice controller computes them: one endpoint per listed pod (terminating pods
// included, with conditions ready/serving/terminating), grouped by the ports it resolves to;
// labels and the controller owner reference tie each slice to its Service.
import type { Endpoint, EndpointPort, EndpointSlice } from "kubernetes-types/discovery/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { canonical } from "./cache.ts";
import { findPort, hostnameFor, isPodReady, podAddress, podRef, serviceFamily, shouldPodBeInEndpoints, type AddressType, type PodObject, type ServiceObject } from "./pods.ts";
import { CONTROLLER_NAME, HEADLESS_LABEL, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from "./resources.ts";

export type SliceObject = StoredObject & EndpointSlice;

/** Endpoints that offer the same ports in one address type. */
export interface SliceGroup {
  key: string;
  addressType: AddressType;
  ports: EndpointPort[];
  /** By endpoint key (the pod's uid). */
  endpoints: Map<string, Endpoint>;
}

export const groupKey = (addressType: string, ports: EndpointPort[]) => `${addressType}:${canonical([...ports].sort(comparePorts))}`;

export const endpointKey = (e: Endpoint) => e.targetRef?.uid ?? e.addresses.join(",");

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return (a.name ?? "").localeCompare(b.name ?? "") || (a.port ?? 0) - (b.port ?? 0) || (a.protocol ?? "").localeCompare(b.protocol ?? "");
}

function podEndpoint(svc: ServiceObject, pod: PodObject, ip: string): Endpoint {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const serving = publishNotReady || isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ep: Endpoint = { addresses: [ip], conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating }, targetRef: podRef(pod) };
  const hostname = hostnameFor(pod, svc);
  if (hostname) ep.hostname = hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  return ep;
}

function podPorts(svc: ServiceObject, pod: PodObject): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out.sort(comparePorts);
}

/** The desired groups; with no endpoints at all, one empty placeholder group (as upstream). */
export function desiredGroups(svc: ServiceObject, pods: Iterable<PodObject>): Map<string, SliceGroup> {
  const addressType = serviceFamily(svc);
  const groups = new Map<string, SliceGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podAddress(pod, addressType);
    if (!ip) continue;
    const ports = podPorts(svc, pod);
    const key = groupKey(addressType, ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, addressType, ports, endpoints: new Map() }));
    const ep = podEndpoint(svc, pod, ip);
    g.endpoints.set(endpointKey(ep), ep);
  }
  if (groups.size === 0) {
    const key = groupKey(addressType, []);
    groups.set(key, { key, addressType, ports: [], endpoints: new Map() });
  }
  return groups;
}

/** The Service's labels (minus the ones the controller sets), the service name, the manager, headless. */
export function sliceLabels(svc: ServiceObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  delete labels[SERVICE_NAME_LABEL];
  delete labels[MANAGED_BY_LABEL];
  delete labels[HEADLESS_LABEL];
  labels[SERVICE_NAME_LABEL] = svc.metadata.name;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  if (!svc.spec?.clusterIP || svc.spec.clusterIP === "None") labels[HEADLESS_LABEL] = "";
  return labels;
}

export const serviceOwnerRef = (svc: ServiceObject): OwnerReference => ({ apiVersion: "v1", kind: "Service", name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true });

/** Is this slice ours (managed by this controller, for this Service)? */
export const isManagedSlice = (s: SliceObject) => s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME && !!s.metadata.labels?.[SERVICE_NAME_LABEL];

export const sliceServiceKey = (s: SliceObject) => `${s.metadata.namespace}/${s.metadata.labels?.[SERVICE_NAME_LABEL]}`;
