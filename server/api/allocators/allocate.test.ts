import { describe, expect, test } from "bun:test";
import type { Service } from "kubernetes-types/core/v1";
import { StatusError } from "../../../shared/api/errors.ts";
import { allocate } from "./allocate.ts";
import { ServiceLedger, type StoredService } from "./ledger.ts";
import { IP_BAND, Pool, PORT_BAND } from "./pool.ts";
import { addressRange, portRange, type IpFamily } from "./range.ts";

function ledgerFor(cidr = "10.43.0.0/16", ports = { min: 30000, max: 32767 }) {
  const range = addressRange(cidr);
  const ips = new Map<IpFamily, Pool>([[range.family, new Pool(range, { band: IP_BAND, reserved: [range.itemAt(0)] })]]);
  return new ServiceLedger(ips, new Pool(portRange(ports), { band: PORT_BAND }));
}

const svc = (name: string, spec: Service["spec"]): Service => ({ metadata: { name, namespace: "default", uid: `uid-${name}` }, spec: { ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", ...spec } });

/** Allocate and record as stored, as a successful create does. */
function store(ledger: ServiceLedger, s: Service, rev = 1) {
  const held = allocate(ledger, s, undefined, s.metadata!.uid!);
  ledger.record(`default/${s.metadata!.name}`, { ...s, apiVersion: "v1", kind: "Service", metadata: { ...s.metadata!, resourceVersion: String(rev) } } as StoredService, rev);
  for (const [pool, item] of held.items) pool.unhold(item, held.token);
  return s;
}

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected a StatusError");
}

describe("allocating a Service's addresses", () => {
  test("a ClusterIP Service gets one address in range and no node ports", () => {
    const s = svc("web", { type: "ClusterIP", ports: [{ port: 80, protocol: "TCP" }] });
    allocate(ledgerFor(), s, undefined, "u");
    expect(s.spec!.clusterIP).toMatch(/^10\.43\.\d+\.\d+$/);
    expect(s.spec!.clusterIPs).toEqual([s.spec!.clusterIP!]);
    expect(s.spec!.ports![0]!.nodePort).toBeUndefined();
  });

  test("a NodePort Service gets a node port per port, and TCP and UDP of one port share it", () => {
    const s = svc("dns", { type: "NodePort", ports: [{ name: "a", port: 53, protocol: "UDP" }, { name: "b", port: 53, protocol: "TCP" }, { name: "c", port: 80, protocol: "TCP" }] });
    allocate(ledgerFor(), s, undefined, "u");
    const [a, b, c] = s.spec!.ports!.map((p) => p.nodePort!);
    expect(a).toBe(b!);
    expect(c).not.toBe(a!);
    for (const p of [a, c]) expect(p).toBeGreaterThanOrEqual(30000);
  });

  test("headless and ExternalName Services get no address", () => {
    const headless = svc("h", { clusterIP: "None", clusterIPs: ["None"], selector: { app: "h" } });
    const ext = svc("x", { type: "ExternalName", externalName: "example.com" });
    const ledger = ledgerFor();
    expect(allocate(ledger, headless, undefined, "u1").items).toEqual([]);
    expect(allocate(ledger, ext, undefined, "u2").items).toEqual([]);
    expect(headless.spec!.clusterIP).toBe("None");
    expect(ext.spec!.clusterIP).toBeUndefined();
  });

  test("a requested address in use is refused with upstream's message", () => {
    const ledger = ledgerFor();
    store(ledger, svc("first", { clusterIP: "10.43.0.5", ports: [{ port: 80 }] }));
    const err = failure(() => allocate(ledger, svc("second", { clusterIP: "10.43.0.5", clusterIPs: ["10.43.0.5"], ports: [{ port: 80 }] }), undefined, "uid-second"));
    expect(err.code).toBe(422);
    expect(err.message).toBe('Service "second" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5: provided IP is already allocated');
  });

  test("a requested address outside the range is refused, naming the range", () => {
    const err = failure(() => allocate(ledgerFor(), svc("web", { clusterIP: "10.0.0.5", ports: [{ port: 80 }] }), undefined, "u"));
    expect(err.message).toContain("failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.43.0.0/16");
  });

  test("a requested node port in use is refused with upstream's message", () => {
    const ledger = ledgerFor();
    store(ledger, svc("first", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    const err = failure(() => allocate(ledger, svc("second", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }), undefined, "uid-second"));
    expect(err.code).toBe(422);
    expect(err.message).toBe('Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  test("a full range answers 500 range is full, and holds nothing of the failed write", () => {
    const ledger = ledgerFor("10.0.0.0/29", { min: 30000, max: 30001 }); // 6 addresses, the first reserved
    for (let i = 0; i < 5; i++) store(ledger, svc(`s${i}`, { ports: [{ port: 80 }] }), i + 1);
    const err = failure(() => allocate(ledger, svc("late", { ports: [{ port: 80 }] }), undefined, "u"));
    expect(err.code).toBe(500);
    expect(err.message).toBe("Internal error occurred: failed to allocate a serviceIP: range is full");
    const ports = ledgerFor(undefined, { min: 30000, max: 30001 });
    const failed = failure(() => allocate(ports, svc("np", { type: "NodePort", ports: [{ name: "a", port: 1 }, { name: "b", port: 2 }, { name: "c", port: 3 }] }), undefined, "u"));
    expect(failed.message).toBe("Internal error occurred: failed to allocate a nodePort: range is full");
    expect(ports.nodePorts.used()).toBe(0);
    expect([...ports.ipPools.values()][0]!.used()).toBe(0);
  });

  test("an update keeps what the stored version has and allocates only what is new", () => {
    const ledger = ledgerFor();
    const old = store(ledger, svc("web", { type: "ClusterIP", ports: [{ port: 80 }] }));
    const next = structuredClone(old);
    next.spec!.type = "NodePort";
    const held = allocate(ledger, next, old, "uid-web");
    expect(next.spec!.clusterIP).toBe(old.spec!.clusterIP!);
    expect(held.items.map(([, item]) => item)).toEqual([String(next.spec!.ports![0]!.nodePort)]);
  });

  test("a LoadBalancer with externalTrafficPolicy Local gets a health check node port", () => {
    const s = svc("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 80 }] });
    allocate(ledgerFor(), s, undefined, "u");
    expect(s.spec!.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(s.spec!.healthCheckNodePort).not.toBe(s.spec!.ports![0]!.nodePort!);
  });

  test("a LoadBalancer without node port allocation gets only the ones it asks for", () => {
    const s = svc("lb", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false, ports: [{ name: "a", port: 80 }, { name: "b", port: 81, nodePort: 30081 }] });
    allocate(ledgerFor(), s, undefined, "u");
    expect(s.spec!.ports!.map((p) => p.nodePort)).toEqual([undefined, 30081]);
  });

  test("dual stack is refused on a single-stack cluster", () => {
    const err = failure(() => allocate(ledgerFor(), svc("ds", { ipFamilyPolicy: "RequireDualStack", ports: [{ port: 80 }] }), undefined, "u"));
    expect(err.message).toContain('spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
  });

  test("on an IPv6 cluster a Service that named no address gets an IPv6 one", () => {
    const s = svc("v6", { ports: [{ port: 80 }] });
    allocate(ledgerFor("fd00:43::/112"), s, undefined, "u");
    expect(s.spec!.clusterIP).toMatch(/^fd00:43::/);
    expect(s.spec!.ipFamilies).toEqual(["IPv6"]);
  });
});
