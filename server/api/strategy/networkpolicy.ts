// networking.k8s.io/v1 NetworkPolicy: policyTypes default to Ingress (plus Egress when egress
// rules exist), port protocol TCP; selectors, peers, ports and CIDRs are valid.
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from "kubernetes-types/networking/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, oneOf, required, type StatusCause } from "./causes.ts";
import { portProtocols, validatePortNumOrName } from "./container-validation.ts";
import { validateObjectMeta } from "./meta.ts";
import { isCIDR } from "./names.ts";
import { validateLabelSelector } from "./selector.ts";

export function defaultNetworkPolicy(np: NetworkPolicy) {
  const spec = (np.spec ??= {} as NetworkPolicySpec);
  for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ||= "TCP";
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ["Ingress", "Egress"] : ["Ingress"];
}

function validatePorts(ports: NetworkPolicyPort[] | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (ports ?? []).forEach((p, i) => {
    const path = `${field}[${i}]`;
    if (p.protocol) causes.push(...oneOf(p.protocol, `${path}.protocol`, portProtocols));
    if (p.port !== undefined) causes.push(...validatePortNumOrName(p.port, `${path}.port`));
    if (p.endPort !== undefined) {
      if (typeof p.port !== "number") causes.push(required(`${path}.port`, "must be specified when endPort is specified"));
      else if (p.endPort < p.port) causes.push(cause.invalid(`${path}.endPort`, p.endPort, "must be greater than or equal to `port`"));
    }
  });
  return causes;
}

function validatePeers(peers: NetworkPolicyPeer[] | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (peers ?? []).forEach((p, i) => {
    const path = `${field}[${i}]`;
    const selectors = (p.podSelector ? 1 : 0) + (p.namespaceSelector ? 1 : 0);
    if (p.ipBlock && selectors) causes.push(cause.forbidden(path, "may not specify both ipBlock and another peer"));
    else if (!p.ipBlock && !selectors) causes.push(required(path, "must specify a peer"));
    causes.push(...validateLabelSelector(p.podSelector, `${path}.podSelector`));
    causes.push(...validateLabelSelector(p.namespaceSelector, `${path}.namespaceSelector`));
    if (p.ipBlock) {
      if (!p.ipBlock.cidr) causes.push(required(`${path}.ipBlock.cidr`));
      else if (!isCIDR(p.ipBlock.cidr)) causes.push(cause.invalid(`${path}.ipBlock.cidr`, p.ipBlock.cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
      (p.ipBlock.except ?? []).forEach((c, j) => {
        if (!isCIDR(c)) causes.push(cause.invalid(`${path}.ipBlock.except[${j}]`, c, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
      });
    }
  });
  return causes;
}

function validateSpec(spec: NetworkPolicySpec): StatusCause[] {
  const causes = validateLabelSelector(spec.podSelector, "spec.podSelector");
  (spec.ingress ?? []).forEach((r, i) => {
    causes.push(...validatePorts(r.ports, `spec.ingress[${i}].ports`), ...validatePeers(r.from, `spec.ingress[${i}].from`));
  });
  (spec.egress ?? []).forEach((r, i) => {
    causes.push(...validatePorts(r.ports, `spec.egress[${i}].ports`), ...validatePeers(r.to, `spec.egress[${i}].to`));
  });
  const types = spec.policyTypes ?? [];
  types.forEach((t, i) => causes.push(...oneOf(t, `spec.policyTypes[${i}]`, ["Egress", "Ingress"])));
  if (types.length > 2) causes.push(cause.invalid("spec.policyTypes", types, "may not specify more than two policyTypes"));
  return causes;
}

export const networkPolicyStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultNetworkPolicy(obj as NetworkPolicy),
  validate: (obj) => [...validateObjectMeta(obj, true), ...validateSpec((obj as NetworkPolicy).spec ?? ({} as NetworkPolicySpec))],
};
