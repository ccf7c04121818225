// networking.k8s.io/v1 Ingress: rules or a default backend; hosts are DNS names (wildcards
// allowed); every path has a pathType; every backend names one service port or one resource.
import type { Ingress, IngressBackend, IngressSpec } from "kubernetes-types/networking/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDNS1035Label, isDNS1123Subdomain, isIP, isValidPortName, isValidPortNum } from "./names.ts";

export const pathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

function validateHost(host: string, field: string): StatusCause[] {
  if (isIP(host)) return [cause.invalid(field, host, "must be a DNS name, not an IP address")];
  const name = host.startsWith("*.") ? host.slice(2) : host;
  return invalidEach(field, host, isDNS1123Subdomain(name));
}

function validateBackend(b: IngressBackend | undefined, field: string): StatusCause[] {
  if (!b) return [required(field)];
  const causes: StatusCause[] = [];
  if (b.service && b.resource) causes.push(cause.invalid(field, "", "cannot set both resource and service backends"));
  else if (!b.service && !b.resource) causes.push(cause.invalid(field, "", "resource or service backend is required"));
  if (b.service) {
    const s = b.service;
    if (!s.name) causes.push(required(`${field}.service.name`));
    else causes.push(...invalidEach(`${field}.service.name`, s.name, isDNS1035Label(s.name)));
    const port = s.port ?? {};
    if (port.name && port.number) causes.push(cause.invalid(`${field}.service.port`, port, "cannot set both port name & port number"));
    else if (port.name) causes.push(...invalidEach(`${field}.service.port.name`, port.name, isValidPortName(port.name)));
    else if (port.number) causes.push(...invalidEach(`${field}.service.port.number`, port.number, isValidPortNum(port.number)));
    else causes.push(cause.invalid(`${field}.service.port`, port, "port name or number is required"));
  }
  if (b.resource) {
    if (!b.resource.kind) causes.push(required(`${field}.resource.kind`));
    if (!b.resource.name) causes.push(required(`${field}.resource.name`));
  }
  return causes;
}

function validateIngressSpec(spec: IngressSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!spec.defaultBackend && !spec.rules?.length) {
    causes.push(cause.invalid("spec", spec.rules ?? [], "either `defaultBackend` or `rules` must be specified"));
  }
  if (spec.defaultBackend) causes.push(...validateBackend(spec.defaultBackend, "spec.defaultBackend"));
  if (spec.ingressClassName) causes.push(...invalidEach("spec.ingressClassName", spec.ingressClassName, isDNS1123Subdomain(spec.ingressClassName)));
  (spec.rules ?? []).forEach((r, i) => {
    const path = `spec.rules[${i}]`;
    if (r.host) causes.push(...validateHost(r.host, `${path}.host`));
    if (!r.http) return;
    if (!r.http.paths?.length) causes.push(required(`${path}.http.paths`));
    (r.http.paths ?? []).forEach((p, j) => {
      const pp = `${path}.http.paths[${j}]`;
      if (!p.pathType) causes.push(required(`${pp}.pathType`, "pathType must be specified"));
      else if (!pathTypes.includes(p.pathType)) causes.push(cause.notSupported(`${pp}.pathType`, p.pathType, pathTypes));
      if ((p.pathType === "Exact" || p.pathType === "Prefix") && !p.path?.startsWith("/")) {
        causes.push(cause.invalid(`${pp}.path`, p.path ?? "", "must be an absolute path"));
      }
      causes.push(...validateBackend(p.backend, `${pp}.backend`));
    });
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => causes.push(...validateHost(h, `spec.tls[${i}].hosts[${j}]`)));
  });
  return causes;
}

export const ingressStrategy: Strategy = {
  hasGeneration: true,
  validate: (obj) => [...validateObjectMeta(obj, true), ...validateIngressSpec((obj as Ingress).spec ?? {})],
};
