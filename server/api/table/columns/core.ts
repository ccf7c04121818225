// core/v1 kinds with simple columns: services, endpoints, configmaps, secrets, serviceaccounts,
// namespaces, resourcequotas.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, formatLabels, get, num, obj, str, strings } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

const LOAD_BALANCER_WIDTH = 16;

/** "80/TCP,443:30443/TCP"; "<none>" without ports. */
export function servicePorts(ports: unknown): string {
  const pieces = arr(ports).map((p) => {
    const protocol = str(p.protocol) || "TCP";
    const nodePort = num(p.nodePort);
    return nodePort > 0 ? `${num(p.port)}:${nodePort}/${protocol}` : `${num(p.port)}/${protocol}`;
  });
  return pieces.length ? pieces.join(",") : "<none>";
}

function loadBalancerAddresses(svc: KubeObject, wide: boolean): string {
  const seen = new Set<string>();
  for (const ing of arr(get(svc, "status.loadBalancer.ingress"))) {
    const addr = str(ing.ip) || str(ing.hostname);
    if (addr) seen.add(addr);
  }
  const joined = [...seen].sort().join(",");
  if (!wide && joined.length > LOAD_BALANCER_WIDTH) return `${joined.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return joined;
}

/** External-IP cell: external IPs, load-balancer ingress, "<pending>" or "<none>". */
export function serviceExternalIP(svc: KubeObject, wide = true): string {
  const externalIPs = strings(get(svc, "spec.externalIPs"));
  switch (str(get(svc, "spec.type")) || "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerAddresses(svc, wide);
      if (externalIPs.length) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return str(get(svc, "spec.externalName"));
  }
  return "<unknown>";
}

export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
    column("Cluster-IP", "Virtual IP allocated to the service inside the cluster."),
    column("External-IP", "Addresses the service is reachable at from outside the cluster."),
    column("Port(s)", "Service ports, with node ports where allocated."),
    ageColumn,
    column("Selector", "Labels of the pods that back the service.", { priority: 1 }),
  ],
  cells(svc: KubeObject, ctx: PrintContext) {
    const clusterIP = strings(get(svc, "spec.clusterIPs"))[0] || str(get(svc, "spec.clusterIP")) || "<none>";
    return [
      nameOf(svc),
      str(get(svc, "spec.type")) || "ClusterIP",
      clusterIP,
      serviceExternalIP(svc),
      servicePorts(get(svc, "spec.ports")),
      ageOf(svc, ctx),
      formatLabels(get(svc, "spec.selector")),
    ];
  },
};

/** Up to three "ip:port" endpoints, then " + N more..."; "<none>" without subsets. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss.addresses).map((a) => str(a.ip));
    const ports = arr(ss.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const ip of addresses) if (list.length < max) list.push(ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const ip of addresses) {
        if (list.length < max) list.push(ip.includes(":") ? `[${ip}]:${num(port.port)}` : `${ip}:${num(port.port)}`);
      }
    }
  }
  const shown = list.join(",");
  return count > max ? `${shown} + ${count - max} more...` : shown;
}

export const endpointsPrinter: Printer = {
  columns: [nameColumn, column("Endpoints", "Ready addresses and ports behind the service."), ageColumn],
  cells: (ep, ctx) => [nameOf(ep), formatEndpoints(ep), ageOf(ep, ctx)],
};

export const configMapPrinter: Printer = {
  columns: [nameColumn, column("Data", "Number of keys in data and binaryData."), ageColumn],
  cells: (cm, ctx) => [
    nameOf(cm),
    Object.keys(obj(cm.data)).length + Object.keys(obj(cm.binaryData)).length,
    ageOf(cm, ctx),
  ],
};

export const secretPrinter: Printer = {
  columns: [
    nameColumn,
    column("Type", "Secret type, e.g. Opaque or kubernetes.io/tls."),
    column("Data", "Number of keys in data."),
    ageColumn,
  ],
  cells: (s, ctx) => [nameOf(s), str(s.type), Object.keys(obj(s.data)).length, ageOf(s, ctx)],
};

export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, column("Secrets", "Number of secrets listed on the service account."), ageColumn],
  cells: (sa, ctx) => [nameOf(sa), arr(sa.secrets).length, ageOf(sa, ctx)],
};

export const namespacePrinter: Printer = {
  columns: [nameColumn, column("Status", "Lifecycle phase of the namespace: Active or Terminating."), ageColumn],
  cells: (ns, ctx) => [nameOf(ns), str(get(ns, "status.phase")), ageOf(ns, ctx)],
};

/** "cpu: 100m/1, pods: 2/10" for requests (and the same for limits.* resources). */
function quotaColumns(rq: KubeObject): [string, string] {
  const hard = obj(get(rq, "status.hard"));
  const used = obj(get(rq, "status.used"));
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const piece = `${name}: ${String(used[name] ?? "0")}/${String(hard[name])}`;
    const parts = name.split(".");
    (parts.length > 1 && parts[0] === "limits" ? limits : requests).push(piece);
  }
  return [requests.join(", "), limits.join(", ")];
}

export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn,
    column("Request", "Used and hard amounts for request-type resources."),
    column("Limit", "Used and hard amounts for limits.* resources."),
    ageColumn,
  ],
  cells: (rq, ctx) => [nameOf(rq), ...quotaColumns(rq), ageOf(rq, ctx)],
};
