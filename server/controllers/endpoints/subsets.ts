// The core/v1 Endpoints of a Service with a selector, as upstream's endpoints controller builds
// them: ready pods under addresses, others under notReadyAddresses (terminating pods only with
// publishNotReadyAddresses), each port resolved per pod, then repacked so that addresses
// offering the same ports share one subset. Sorted, so equal inputs give equal objects.
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { HEADLESS_LABEL, SKIP_MIRROR_LABEL } from "./resources.ts";
import { findPort, hostnameFor, isPodReady, podAddress, podRef, serviceFamily, shouldPodBeInEndpoints, type PodObject, type ServiceObject } from "./pods.ts";

interface Entry {
  addr: EndpointAddress;
  ready: boolean;
}

/** Ports by their identity; -1 stands for "no ports" (a headless Service without ports). */
const portKey = (p: EndpointPort | undefined) => (p ? JSON.stringify([p.name ?? "", p.port, p.protocol ?? "TCP", p.appProtocol ?? ""]) : "-1");
const addrKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ""}`;

export function desiredSubsets(svc: ServiceObject, pods: Iterable<PodObject>): EndpointSubset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const family = serviceFamily(svc);
  const headless = svc.spec?.clusterIP === "None";
  const byPort = new Map<string, { port?: EndpointPort; addrs: Map<string, Entry> }>();
  const add = (port: EndpointPort | undefined, entry: Entry) => {
    const k = portKey(port);
    let group = byPort.get(k);
    if (!group) byPort.set(k, (group = { port, addrs: new Map() }));
    group.addrs.set(addrKey(entry.addr), entry);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podAddress(pod, family);
    if (!ip) continue;
    const addr: EndpointAddress = { ip, targetRef: podRef(pod) };
    const hostname = hostnameFor(pod, svc);
    if (hostname) addr.hostname = hostname;
    if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
    const entry = { addr, ready: publishNotReady || isPodReady(pod) };
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0 && headless) add(undefined, entry);
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      add(ep, entry);
    }
  }
  return repack(byPort);
}

/** Group ports by the exact set of addresses (and readiness) that offer them. */
function repack(byPort: Map<string, { port?: EndpointPort; addrs: Map<string, Entry> }>): EndpointSubset[] {
  const bySet = new Map<string, { entries: Entry[]; ports: EndpointPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const entries = [...addrs.values()].sort((a, b) => compareAddr(a.addr, b.addr));
    const k = entries.map((e) => `${addrKey(e.addr)}:${e.ready}`).join(",");
    let set = bySet.get(k);
    if (!set) bySet.set(k, (set = { entries, ports: [] }));
    if (port) set.ports.push(port);
  }
  const subsets = [...bySet.values()].map(({ entries, ports }) => {
    const s: EndpointSubset = {};
    const ready = entries.filter((e) => e.ready).map((e) => e.addr);
    const notReady = entries.filter((e) => !e.ready).map((e) => e.addr);
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (ports.length) s.ports = ports.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.port - b.port || (a.protocol ?? "").localeCompare(b.protocol ?? ""));
    return s;
  });
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0];
  return subsets.sort((a, b) => compareAddr(first(a), first(b)) || JSON.stringify(a.ports ?? []).localeCompare(JSON.stringify(b.ports ?? [])));
}

function compareAddr(a: EndpointAddress | undefined, b: EndpointAddress | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compareIp(a.ip, b.ip) || (a.targetRef?.uid ?? "").localeCompare(b.targetRef?.uid ?? "");
}

/** Numeric order for IPv4 dotted quads, text order otherwise. */
export function compareIp(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return 0;
  }
  return a.localeCompare(b);
}

/** Labels of the Endpoints: the Service's, plus skip-mirror, plus headless for a Service without an IP. */
export function endpointsLabels(svc: ServiceObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [SKIP_MIRROR_LABEL]: "true" };
  const ipSet = !!svc.spec?.clusterIP && svc.spec.clusterIP !== "None";
  if (ipSet) delete labels[HEADLESS_LABEL];
  else labels[HEADLESS_LABEL] = "";
  return labels;
}

export function desiredEndpoints(svc: ServiceObject, pods: Iterable<PodObject>): KubeObject & Endpoints {
  const ep: KubeObject & Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: endpointsLabels(svc) } };
  const subsets = desiredSubsets(svc, pods);
  if (subsets.length) ep.subsets = subsets;
  return ep;
}
