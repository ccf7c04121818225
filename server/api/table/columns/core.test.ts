import { describe, expect, test } from "bun:test";
import { configMapPrinter, endpointsPrinter, namespacePrinter, resourceQuotaPrinter, secretPrinter, servicePorts, servicePrinter } from "./core.ts";
import { nodePrinter } from "./node.ts";
import { NOW, stored } from "./testutil.ts";

const ctx = { now: NOW };

describe("service columns", () => {
  test("ports print as port/protocol, with node ports as port:nodePort/protocol", () => {
    expect(servicePorts([{ port: 80, protocol: "TCP" }])).toBe("80/TCP");
    expect(servicePorts([{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }])).toBe("80:30080/TCP,53/UDP");
    expect(servicePorts([{ port: 8080 }])).toBe("8080/TCP");
    expect(servicePorts([])).toBe("<none>");
  });

  test("a ClusterIP service", () => {
    const svc = stored("v1", "Service", "web", {
      spec: { type: "ClusterIP", clusterIP: "10.43.0.10", clusterIPs: ["10.43.0.10"], ports: [{ port: 80, protocol: "TCP" }], selector: { app: "web" } },
    });
    expect(servicePrinter.cells(svc, ctx)).toEqual(["web", "ClusterIP", "10.43.0.10", "<none>", "80/TCP", "5m", "app=web"]);
  });

  test("a LoadBalancer without ingress is <pending>, with ingress shows the address", () => {
    const spec = { type: "LoadBalancer", clusterIPs: ["10.43.0.11"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] };
    const pending = stored("v1", "Service", "lb", { spec, status: { loadBalancer: {} } });
    const ready = stored("v1", "Service", "lb", { spec, status: { loadBalancer: { ingress: [{ ip: "192.168.1.5" }] } } });
    expect(servicePrinter.cells(pending, ctx).slice(1, 5)).toEqual(["LoadBalancer", "10.43.0.11", "<pending>", "80:30080/TCP"]);
    expect(servicePrinter.cells(ready, ctx)[3]).toBe("192.168.1.5");
  });

  test("a headless service without selector", () => {
    const svc = stored("v1", "Service", "h", { spec: { clusterIP: "None", clusterIPs: ["None"] } });
    expect(servicePrinter.cells(svc, ctx)).toEqual(["h", "ClusterIP", "None", "<none>", "<none>", "5m", "<none>"]);
  });

  test("an ExternalName service shows the external name", () => {
    const svc = stored("v1", "Service", "ext", { spec: { type: "ExternalName", externalName: "example.com" } });
    expect(servicePrinter.cells(svc, ctx).slice(1, 4)).toEqual(["ExternalName", "<none>", "example.com"]);
  });
});

test("endpoints list up to three ip:port pairs", () => {
  const ep = stored("v1", "Endpoints", "web", {
    subsets: [{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }, { ip: "10.0.0.3" }, { ip: "10.0.0.4" }], ports: [{ port: 80 }] }],
  });
  expect(endpointsPrinter.cells(ep, ctx)[1]).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
  expect(endpointsPrinter.cells(stored("v1", "Endpoints", "e"), ctx)[1]).toBe("<none>");
});

test("configmaps count data and binaryData keys; secrets print type and data count", () => {
  const cm = stored("v1", "ConfigMap", "cfg", { data: { a: "1", b: "2" }, binaryData: { c: "AA==" } });
  expect(configMapPrinter.cells(cm, ctx)).toEqual(["cfg", 3, "5m"]);
  const s = stored("v1", "Secret", "tls", { type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } });
  expect(secretPrinter.cells(s, ctx)).toEqual(["tls", "kubernetes.io/tls", 2, "5m"]);
});

test("namespaces print their phase", () => {
  expect(namespacePrinter.cells(stored("v1", "Namespace", "default", { status: { phase: "Active" } }), ctx)).toEqual(["default", "Active", "5m"]);
});

test("resource quotas split request and limit resources", () => {
  const rq = stored("v1", "ResourceQuota", "q", {
    status: { hard: { pods: "10", "requests.cpu": "1", "limits.memory": "1Gi" }, used: { pods: "2", "limits.memory": "0" } },
  });
  expect(resourceQuotaPrinter.cells(rq, ctx)).toEqual(["q", "pods: 2/10, requests.cpu: 0/1", "limits.memory: 0/1Gi", "5m"]);
});

describe("node columns", () => {
  const node = (ready: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
    stored("v1", "Node", "node1", {
      spec: extra,
      status: {
        conditions: [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: ready }],
        addresses: [{ type: "InternalIP", address: "192.168.1.10" }, { type: "Hostname", address: "node1" }],
        nodeInfo: { kubeletVersion: "v1.32.4+kubun", osImage: "Debian 12", kernelVersion: "6.1.0", containerRuntimeVersion: "runc://1.2" },
      },
    }, { labels, namespace: undefined });

  test("a ready control-plane node", () => {
    const n = node("True", {}, { "node-role.kubernetes.io/control-plane": "true", "node-role.kubernetes.io/master": "true" });
    expect(nodePrinter.cells(n, ctx)).toEqual([
      "node1", "Ready", "control-plane,master", "5m", "v1.32.4+kubun", "192.168.1.10", "<none>", "Debian 12", "6.1.0", "runc://1.2",
    ]);
  });

  test("a cordoned node that is not ready", () => {
    const n = node("Unknown", { unschedulable: true });
    expect(nodePrinter.cells(n, ctx).slice(1, 3)).toEqual(["NotReady,SchedulingDisabled", "<none>"]);
  });

  test("a node without a Ready condition is Unknown; kubernetes.io/role counts as a role", () => {
    const n = stored("v1", "Node", "n2", { status: {} }, { labels: { "kubernetes.io/role": "worker" } });
    expect(nodePrinter.cells(n, ctx).slice(1, 3)).toEqual(["Unknown", "worker"]);
  });
});
