// core/v1 Endpoints: port protocol TCP by default; addresses are IPs, ports valid and named when
// a subset has more than one.
import type { Endpoints } from "kubernetes-types/core/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { portProtocols } from "./container-validation.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDNS1123Label, isIP, isValidPortNum } from "./names.ts";

export const endpointsStrategy: Strategy = {
  defaults(obj) {
    for (const s of (obj as Endpoints).subsets ?? []) for (const p of s.ports ?? []) p.protocol ||= "TCP";
  },
  validate(obj) {
    const causes: StatusCause[] = validateObjectMeta(obj, true);
    ((obj as Endpoints).subsets ?? []).forEach((s, i) => {
      const path = `subsets[${i}]`;
      if (!s.addresses?.length && !s.notReadyAddresses?.length) {
        causes.push(required(path, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (const list of ["addresses", "notReadyAddresses"] as const) {
        (s[list] ?? []).forEach((a, j) => {
          if (!isIP(a.ip)) causes.push(cause.invalid(`${path}.${list}[${j}].ip`, a.ip, "must be a valid IP address"));
          if (a.hostname) causes.push(...invalidEach(`${path}.${list}[${j}].hostname`, a.hostname, isDNS1123Label(a.hostname)));
        });
      }
      const ports = s.ports ?? [];
      ports.forEach((p, j) => {
        const pp = `${path}.ports[${j}]`;
        if (ports.length > 1 && !p.name) causes.push(required(`${pp}.name`));
        else if (p.name) causes.push(...invalidEach(`${pp}.name`, p.name, isDNS1123Label(p.name)));
        causes.push(...invalidEach(`${pp}.port`, p.port, isValidPortNum(p.port)));
        causes.push(...oneOf(p.protocol, `${pp}.protocol`, portProtocols));
      });
    });
    return causes;
  },
};
