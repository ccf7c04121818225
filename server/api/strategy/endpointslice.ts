// discovery.k8s.io/v1 EndpointSlice: port name "" and protocol TCP by default; a known address
// type (immutable), 1–100 addresses per endpoint, valid ports.
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, tooMany, required, type StatusCause } from "./causes.ts";
import { portProtocols } from "./container-validation.ts";
import { validateLabels, validateObjectMeta } from "./meta.ts";
import { isDNS1123Label, isIPv4, isIPv6, isValidPortNum } from "./names.ts";

const addressTypes = ["FQDN", "IPv4", "IPv6"];
const es = (o: KubeObject) => o as unknown as EndpointSlice;

function validAddress(type: string, a: string): boolean {
  if (type === "IPv4") return isIPv4(a);
  if (type === "IPv6") return isIPv6(a);
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(a);
}

export const endpointSliceStrategy: Strategy = {
  defaults(obj) {
    for (const p of es(obj).ports ?? []) {
      p.name ??= "";
      p.protocol ??= "TCP";
    }
  },
  validate(obj) {
    const s = es(obj);
    const causes: StatusCause[] = validateObjectMeta(obj, true);
    causes.push(...oneOf(s.addressType, "addressType", addressTypes));
    const endpoints = s.endpoints ?? [];
    if (endpoints.length > 1000) causes.push(tooMany("endpoints", endpoints.length, 1000));
    endpoints.forEach((e, i) => {
      const path = `endpoints[${i}]`;
      const addrs = e.addresses ?? [];
      if (addrs.length === 0) causes.push(required(`${path}.addresses`, "must contain at least 1 address"));
      if (addrs.length > 100) causes.push(tooMany(`${path}.addresses`, addrs.length, 100));
      addrs.forEach((a, j) => {
        if (!validAddress(s.addressType, a)) causes.push(cause.invalid(`${path}.addresses[${j}]`, a, `must be a valid ${s.addressType} address`));
      });
      if (e.hostname) causes.push(...invalidEach(`${path}.hostname`, e.hostname, isDNS1123Label(e.hostname)));
      causes.push(...validateLabels(e.deprecatedTopology, `${path}.deprecatedTopology`));
    });
    const names = new Set<string>();
    (s.ports ?? []).forEach((p, i) => {
      const path = `ports[${i}]`;
      if (p.name) causes.push(...invalidEach(`${path}.name`, p.name, isDNS1123Label(p.name)));
      if (names.has(p.name ?? "")) causes.push(cause.duplicate(`${path}.name`, p.name ?? ""));
      names.add(p.name ?? "");
      if (p.port !== undefined) causes.push(...invalidEach(`${path}.port`, p.port, isValidPortNum(p.port)));
      if (p.protocol) causes.push(...oneOf(p.protocol, `${path}.protocol`, portProtocols));
    });
    return causes;
  },
  validateUpdate: (obj, old) => (es(obj).addressType === es(old).addressType ? [] : [cause.immutable("addressType")]),
};
