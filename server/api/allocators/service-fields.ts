// Which allocated values a Service has and needs: cluster IPs for every type but ExternalName
// (headless "None" is no address), node ports for NodePort and LoadBalancer (unless
// allocateLoadBalancerNodePorts is false), and a health check node port for a LoadBalancer
// with externalTrafficPolicy Local. Upstream's helpers of the same names.
import type { Service } from "kubernetes-types/core/v1";

export const needsClusterIP = (svc: Service) => svc.spec?.type !== "ExternalName";

export const needsNodePort = (svc: Service) => svc.spec?.type === "NodePort" || svc.spec?.type === "LoadBalancer";

export const shouldAllocateNodePorts = (svc: Service) =>
  svc.spec?.type === "NodePort" || (svc.spec?.type === "LoadBalancer" && svc.spec.allocateLoadBalancerNodePorts !== false);

export const needsHealthCheckNodePort = (svc: Service) => svc.spec?.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local";

export const isHeadless = (svc: Service) => svc.spec?.clusterIP === "None" || svc.spec?.clusterIPs?.[0] === "None";

/** The cluster IPs a Service holds (none for ExternalName and headless Services). */
export function clusterIPsOf(svc: Service): string[] {
  if (!needsClusterIP(svc) || isHeadless(svc)) return [];
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip && ip !== "None");
}

/** The node ports a Service holds: one per distinct number, plus the health check port. */
export function nodePortsOf(svc: Service): number[] {
  const ports = new Set<number>();
  for (const p of svc.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  if (svc.spec?.healthCheckNodePort) ports.add(svc.spec.healthCheckNodePort);
  return [...ports];
}
