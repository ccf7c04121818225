// networking.k8s.io/v1 ingresses, ingressclasses, networkpolicies; discovery.k8s.io/v1 endpointslices.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, formatLabelSelector, get, listWithMore, num, str, strings } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

function ingressHosts(ing: KubeObject): string {
  const rules = arr(get(ing, "spec.rules"));
  const max = 3;
  const hosts: string[] = [];
  for (const rule of rules) {
    if (hosts.length === max) return `${hosts.join(",")} + ${rules.length - max} more...`;
    if (str(rule.host)) hosts.push(str(rule.host));
  }
  return hosts.length ? hosts.join(",") : "*";
}

function ingressAddress(ing: KubeObject): string {
  const seen = new Set<string>();
  for (const x of arr(get(ing, "status.loadBalancer.ingress"))) {
    const a = str(x.ip) || str(x.hostname);
    if (a) seen.add(a);
  }
  return [...seen].sort().join(",");
}

export const ingressPrinter: Printer = {
  columns: [
    nameColumn,
    column("Class", "IngressClass that handles this ingress."),
    column("Hosts", "Host names the rules match."),
    column("Address", "Load-balancer addresses of the ingress."),
    column("Ports", "Ports served: 80, plus 443 when TLS is configured."),
    ageColumn,
  ],
  cells(ing: KubeObject, ctx: PrintContext) {
    return [
      nameOf(ing),
      str(get(ing, "spec.ingressClassName")) || "<none>",
      ingressHosts(ing),
      ingressAddress(ing),
      arr(get(ing, "spec.tls")).length ? "80, 443" : "80",
      ageOf(ing, ctx),
    ];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn,
    column("Controller", "Controller that implements this class."),
    column("Parameters", "Resource holding extra configuration for the controller."),
    ageColumn,
  ],
  cells(ic: KubeObject, ctx: PrintContext) {
    const p = get(ic, "spec.parameters");
    let parameters = "<none>";
    if (p && typeof p === "object") {
      const group = str(get(p, "apiGroup"));
      parameters = `${str(get(p, "kind"))}${group ? `.${group}` : ""}/${str(get(p, "name"))}`;
    }
    return [nameOf(ic), str(get(ic, "spec.controller")), parameters, ageOf(ic, ctx)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [nameColumn, column("Pod-Selector", "Pods the policy applies to."), ageColumn],
  cells: (np, ctx) => [nameOf(np), formatLabelSelector(get(np, "spec.podSelector")), ageOf(np, ctx)],
};

export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    column("AddressType", "IPv4, IPv6 or FQDN."),
    column("Ports", "Port numbers (or names) in the slice."),
    column("Endpoints", "Addresses of the endpoints in the slice."),
    ageColumn,
  ],
  cells(es: KubeObject, ctx: PrintContext) {
    const ports = arr(es.ports).map((p) => (typeof p.port === "number" ? String(num(p.port)) : str(p.name) || "*"));
    const addresses = arr(es.endpoints).flatMap((e) => strings(e.addresses));
    return [
      nameOf(es),
      str(es.addressType),
      listWithMore(ports, 3, "<unset>"),
      listWithMore(addresses, 3, "<unset>"),
      ageOf(es, ctx),
    ];
  },
};
