import { describe, expect, test } from "bun:test";
import type { ServiceObject, PodObject } from "./pods.ts";
import { desiredGroups, type SliceObject } from "./slice-desired.ts";
import { planSlices } from "./slice-plan.ts";
import { desiredEndpoints } from "./subsets.ts";

const svc: ServiceObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", uid: "svc-uid", resourceVersion: "1" },
  spec: { clusterIP: "10.43.0.20", selector: { app: "web" }, ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: "http" }] },
};

function pod(i: number, opts: { ready?: boolean; port?: number; terminating?: boolean } = {}): PodObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p${i}`, namespace: "default", uid: `pod-${i}`, resourceVersion: "1", labels: { app: "web" }, deletionTimestamp: opts.terminating ? "2024-01-01T00:00:00Z" : undefined },
    spec: { nodeName: "n1", containers: [{ name: "c", ports: [{ name: "http", containerPort: opts.port ?? 8080 }] }] },
    status: { phase: "Running", podIP: `10.42.${Math.floor(i / 250)}.${(i % 250) + 1}`, conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }] },
  };
}

/** Apply a plan as the API would: created slices get names and versions. */
function stored(plan: ReturnType<typeof planSlices>, before: SliceObject[]): SliceObject[] {
  const deleted = new Set(plan.delete.map((s) => s.metadata.name));
  const updated = new Map(plan.update.map((s) => [s.metadata.name, s]));
  const kept = before.filter((s) => !deleted.has(s.metadata.name)).map((s) => updated.get(s.metadata.name) ?? s);
  const created = plan.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-${before.length + i}`, uid: `slice-${before.length + i}`, resourceVersion: "1" } }) as SliceObject);
  return [...kept, ...created];
}

const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => pod(from + i));

describe("planning EndpointSlices", () => {
  test("250 pods fill three slices of at most 100, and the same pods again write nothing", () => {
    const first = planSlices(svc, desiredGroups(svc, pods(250)), []);
    expect(first.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    const slices = stored(first, []);
    expect(planSlices(svc, desiredGroups(svc, pods(250)), slices)).toEqual({ create: [], update: [], delete: [] });
  });

  test("one more pod is added to a slice with room and touches no other slice", () => {
    const slices = stored(planSlices(svc, desiredGroups(svc, pods(250)), []), []);
    const plan = planSlices(svc, desiredGroups(svc, pods(251)), slices);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([["web-2", 51]]);
  });

  test("pods resolving the named port differently go to separate slices", () => {
    const plan = planSlices(svc, desiredGroups(svc, [pod(1), pod(2, { port: 9090 })]), []);
    expect(plan.create.map((s) => s.ports)).toEqual([[{ name: "http", port: 8080, protocol: "TCP" }], [{ name: "http", port: 9090, protocol: "TCP" }]]);
  });

  test("a terminating pod stays in its slice as terminating and not ready, and leaves the Endpoints", () => {
    const [slice] = planSlices(svc, desiredGroups(svc, [pod(1, { terminating: true })]), []).create;
    expect(slice!.endpoints[0]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect(desiredEndpoints(svc, [pod(1, { terminating: true })]).subsets).toBeUndefined();
  });

  test("slices of a former Service with the same name are deleted", () => {
    const slices = stored(planSlices(svc, desiredGroups(svc, pods(2)), []), []);
    const recreated = { ...svc, metadata: { ...svc.metadata, uid: "new-uid" } };
    const plan = planSlices(recreated, desiredGroups(recreated, pods(2)), slices);
    expect(plan.delete.map((s) => s.metadata.name)).toEqual(["web-0"]);
    expect(plan.create[0]!.metadata!.ownerReferences![0]!.uid).toBe("new-uid");
  });

  test("when the last pod goes, its slice gives way to one empty placeholder", () => {
    const slices = stored(planSlices(svc, desiredGroups(svc, pods(1)), []), []);
    const plan = planSlices(svc, desiredGroups(svc, []), slices);
    expect(plan.delete.map((s) => s.metadata.name)).toEqual(["web-0"]);
    expect(plan.create.map((s) => [s.endpoints, s.ports])).toEqual([[[], []]]);
  });
});

describe("Endpoints subsets", () => {
  test("addresses offering the same ports share a subset; ready and not ready are split", () => {
    const subsets = desiredEndpoints(svc, [pod(2), pod(1, { ready: false }), pod(3, { port: 9090 })]).subsets!;
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.notReadyAddresses?.map((a) => a.ip), s.ports?.map((p) => p.port)])).toEqual([
      [["10.42.0.3"], ["10.42.0.2"], [8080]],
      [["10.42.0.4"], undefined, [9090]],
    ]);
  });

  test("a pod without the named port is left out of that port", () => {
    const noPorts = { ...pod(1), spec: { containers: [{ name: "c" }] } } as PodObject;
    expect(desiredEndpoints(svc, [noPorts]).subsets).toBeUndefined();
  });
});
