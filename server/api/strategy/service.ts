// core/v1 Service: upstream's SetDefaults_Service (plus the single-stack IP family the allocator
// records), validation of type, ports, selector and session affinity, allocated values kept
// or dropped on update as upstream, and a clusterIP that never changes once set. Allocating
// the clusterIP and node ports is server/api/allocators' job, not this.
import type { Service, ServicePort, ServiceSpec } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { portProtocols, validatePortNumOrName } from "./container-validation.ts";
import { validateLabels, validateObjectMeta } from "./meta.ts";
import { isDNS1123Label, isDNS1123Subdomain, isIP, isIPv6, isValidPortNum, nameIsDNS1035Label } from "./names.ts";

export const serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
export const nodePortRange = { min: 30000, max: 32767 };

const isHeadless = (s: ServiceSpec) => s.clusterIP === "None";

export function defaultService(svc: Service) {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= "ClusterIP";
  for (const p of spec.ports ?? []) {
    p.protocol ||= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  const external = spec.type === "NodePort" || spec.type === "LoadBalancer";
  if (external) spec.externalTrafficPolicy ||= "Cluster";
  if (spec.internalTrafficPolicy === undefined && spec.type !== "ExternalName") spec.internalTrafficPolicy = "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.type !== "ExternalName") {
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    spec.ipFamilyPolicy ||= "SingleStack";
    if (!spec.ipFamilies?.length) spec.ipFamilies = [spec.clusterIP && isIPv6(spec.clusterIP) ? "IPv6" : "IPv4"];
  }
}

function validatePort(p: ServicePort, field: string, requireName: boolean, names: Set<string>, type: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (requireName && !p.name) causes.push(required(`${field}.name`));
  else if (p.name) {
    causes.push(...invalidEach(`${field}.name`, p.name, isDNS1123Label(p.name)));
    if (names.has(p.name)) causes.push(cause.duplicate(`${field}.name`, p.name));
    names.add(p.name);
  }
  causes.push(...invalidEach(`${field}.port`, p.port, isValidPortNum(p.port)));
  causes.push(...oneOf(p.protocol, `${field}.protocol`, portProtocols));
  causes.push(...validatePortNumOrName(p.targetPort, `${field}.targetPort`));
  if (p.nodePort) {
    if (type === "ClusterIP" || type === "ExternalName") {
      causes.push(cause.forbidden(`${field}.nodePort`, `may not be used when \`type\` is '${type}'`));
    } else if (p.nodePort < nodePortRange.min || p.nodePort > nodePortRange.max) {
      causes.push(cause.invalid(`${field}.nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`));
    }
  }
  return causes;
}

function validateService(obj: KubeObject): StatusCause[] {
  const spec: ServiceSpec = (obj as Service).spec ?? {};
  const causes = validateObjectMeta(obj, true, { nameFn: nameIsDNS1035Label });
  const type = spec.type ?? "";
  causes.push(...oneOf(spec.type, "spec.type", serviceTypes));
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") causes.push(required("spec.ports"));
  if (type === "ExternalName") {
    if (!spec.externalName) causes.push(required("spec.externalName"));
    else causes.push(...invalidEach("spec.externalName", spec.externalName, isDNS1123Subdomain(spec.externalName.replace(/\.$/, ""))));
    if (spec.clusterIP) causes.push(cause.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    causes.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names, type));
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) causes.push(cause.duplicate(`spec.ports[${i}]`, { port: p.port, protocol: p.protocol }));
    seen.add(key);
  });
  (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).forEach((ip, i) => {
    if (ip !== "None" && ip !== "" && !isIP(ip)) causes.push(cause.invalid(`spec.clusterIPs[${i}]`, ip, "must be empty, 'None', or a valid IP address"));
  });
  if (type !== "ExternalName") causes.push(...validateLabels(spec.selector, "spec.selector"));
  causes.push(...oneOf(spec.sessionAffinity, "spec.sessionAffinity", ["ClientIP", "None"]));
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    causes.push(cause.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
  }
  if (spec.externalTrafficPolicy) causes.push(...oneOf(spec.externalTrafficPolicy, "spec.externalTrafficPolicy", ["Cluster", "Local"]));
  if (spec.internalTrafficPolicy) causes.push(...oneOf(spec.internalTrafficPolicy, "spec.internalTrafficPolicy", ["Cluster", "Local"]));
  if (spec.ipFamilyPolicy) causes.push(...oneOf(spec.ipFamilyPolicy, "spec.ipFamilyPolicy", ["SingleStack", "PreferDualStack", "RequireDualStack"]));
  (spec.ipFamilies ?? []).forEach((f, i) => causes.push(...oneOf(f, `spec.ipFamilies[${i}]`, ["IPv4", "IPv6"])));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isIP(ip)) causes.push(cause.invalid(`spec.externalIPs[${i}]`, ip, "must be a valid IP address"));
  });
  return causes;
}

const needsClusterIP = (s: ServiceSpec) => s.type !== "ExternalName";
const needsNodePort = (s: ServiceSpec) => s.type === "NodePort" || s.type === "LoadBalancer";
const needsHealthCheck = (s: ServiceSpec) => s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
const externallyAccessible = (s: ServiceSpec) => needsNodePort(s) || (s.type === "ClusterIP" && !!s.externalIPs?.length);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const nodePorts = (s: ServiceSpec) => (s.ports ?? []).map((p) => p.nodePort ?? 0);

/**
 * Upstream's PrepareForUpdate: a write that omits the allocated values (a `replace -f` of the
 * original manifest) keeps them (patchAllocatedValues), and a type change drops the values the
 * new type has no use for when the writer left them as they were (dropTypeDependentFields), so
 * `patch -p '{"spec":{"type":"ClusterIP"}}'` on a NodePort Service is valid and frees its ports.
 */
function prepareServiceUpdate(obj: KubeObject, old: StoredObject) {
  const next = ((obj as Service).spec ??= {});
  const prev: ServiceSpec = (old as Service).spec ?? {};
  if (needsClusterIP(prev) && needsClusterIP(next)) {
    next.clusterIP ||= prev.clusterIP;
    if (!next.clusterIPs?.length && prev.clusterIPs?.length) next.clusterIPs = prev.clusterIPs;
  }
  if (needsNodePort(prev) && needsNodePort(next)) {
    const used = new Set(nodePorts(next).filter((n) => n && nodePorts(prev).includes(n)));
    const byName = new Map((prev.ports ?? []).map((p) => [p.name ?? "", p.nodePort ?? 0]));
    for (const p of next.ports ?? []) {
      const was = byName.get(p.name ?? "") ?? 0;
      if (!p.nodePort && was && !used.has(was)) p.nodePort = was;
    }
  }
  if (needsHealthCheck(prev) && needsHealthCheck(next)) next.healthCheckNodePort ||= prev.healthCheckNodePort;
  if (needsClusterIP(prev) && !needsClusterIP(next)) {
    if (same(prev.clusterIPs ?? [prev.clusterIP], next.clusterIPs ?? [next.clusterIP])) {
      delete next.clusterIP;
      delete next.clusterIPs;
    }
    if (same(prev.ipFamilies, next.ipFamilies)) delete next.ipFamilies;
    if (prev.ipFamilyPolicy === next.ipFamilyPolicy) delete next.ipFamilyPolicy;
  }
  if (needsNodePort(prev) && !needsNodePort(next) && same(nodePorts(prev), nodePorts(next))) {
    for (const p of next.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(prev) && !needsHealthCheck(next) && prev.healthCheckNodePort === next.healthCheckNodePort) delete next.healthCheckNodePort;
  if (prev.type === "LoadBalancer" && next.type !== "LoadBalancer" && prev.allocateLoadBalancerNodePorts === next.allocateLoadBalancerNodePorts) delete next.allocateLoadBalancerNodePorts;
  if (!externallyAccessible(next) && prev.externalTrafficPolicy === next.externalTrafficPolicy) delete next.externalTrafficPolicy;
  if (next.type === "ExternalName" && prev.internalTrafficPolicy === next.internalTrafficPolicy) delete next.internalTrafficPolicy;
}

/** The primary clusterIP may not change once set. */
function validateServiceUpdate(obj: KubeObject, old: StoredObject): StatusCause[] {
  const next: ServiceSpec = (obj as Service).spec ?? {};
  const prev: ServiceSpec = (old as Service).spec ?? {};
  if (!needsClusterIP(next) || !needsClusterIP(prev)) return [];
  if (prev.clusterIP && next.clusterIP !== prev.clusterIP) {
    return [cause.invalid("spec.clusterIPs[0]", next.clusterIP ?? "", "may not change once set")];
  }
  return [];
}

export const serviceStrategy: Strategy = {
  defaults: (obj) => defaultService(obj as Service),
  validate: validateService,
  prepareForUpdate: prepareServiceUpdate,
  validateUpdate: validateServiceUpdate,
};
