// What a Pod contributes to a Service's endpoints, by upstream's rules: whether it is listed at
// all, whether it is ready, its address in a family, its port for a service port (a named
// targetPort is looked up in the containers' ports), and its hostname.
import type { Pod, Service, ServicePort } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { PodObject } from "../../../shared/controller/kinds.ts";

export type { PodObject } from "../../../shared/controller/kinds.ts";
export type ServiceObject = StoredObject & Service;
export type AddressType = "IPv4" | "IPv6";

export const isPodReady = (pod: Pod) => !!pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");

const isTerminal = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/** Listed at all: not finished, has an address, and not terminating unless terminating ones are wanted. */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  if (isTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

const familyOf = (ip: string): AddressType => (ip.includes(":") ? "IPv6" : "IPv4");

/** The pod's address in `family`, if it has one. */
export function podAddress(pod: Pod, family: AddressType): string | undefined {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  return ips.find((ip): ip is string => !!ip && familyOf(ip) === family);
}

/** The Service's address family for endpoints: its first ipFamily, IPv4 by default. */
export const serviceFamily = (svc: Service): AddressType => (svc.spec?.ipFamilies?.[0] as AddressType | undefined) ?? "IPv4";

/** The container port a service port reaches on this pod; undefined when a named port is missing. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  const protocol = sp.protocol ?? "TCP";
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/** Upstream's ShouldSetHostname: the pod asked for a hostname under this Service's subdomain. */
export const hostnameFor = (pod: Pod, svc: Service): string | undefined =>
  pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace ? pod.spec.hostname : undefined;

export const podRef = (pod: PodObject) => ({ kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid });

/** Does the Service's selector (non-empty) pick this pod? */
export function selects(svc: Service, pod: Pod): boolean {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}
