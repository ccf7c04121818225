// The endpoints and endpointslice controllers in process: pods with labels and a Ready status
// (written directly, as a kubelet would) become Endpoints and EndpointSlices of their Service.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Endpoints, Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger } from "../../../shared/log.ts";
import { startServiceAddresses, type ServiceAddresses } from "../../api/allocators/index.ts";
import { controllerEnv } from "../testing.ts";
import { ENDPOINT_SLICES, ENDPOINTS, PODS, SERVICES } from "./resources.ts";
import type { SliceObject } from "./slice-desired.ts";

let env: Awaited<ReturnType<typeof controllerEnv>>;
let addresses: ServiceAddresses;
beforeEach(async () => {
  env = await controllerEnv();
  addresses = await startServiceAddresses(env.api.ctx, { serviceCidr: "10.43.0.0/16", log: createLogger("error") });
});
afterEach(async () => {
  await env.close();
  addresses.stop();
});

const NS = "default";
type EndpointsObject = StoredObject & Endpoints;

function pod(name: string, labels: Record<string, string>) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: NS, labels },
    spec: { containers: [{ name: "web", image: "nginx", ports: [{ name: "http", containerPort: 8080 }] }] },
  };
}

async function setStatus(name: string, ip: string, ready: boolean) {
  const status: Pod["status"] = { phase: "Running", podIP: ip, podIPs: [{ ip }], conditions: [{ type: "Ready", status: ready ? "True" : "False" }] };
  await env.client.patch(PODS, name, { status }, { type: "merge", namespace: NS, subresource: "status" });
}

function service(name: string, selector?: Record<string, string>) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: NS, labels: { tier: "front" } },
    spec: { selector, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  };
}

const endpoints = (name: string) => env.find(ENDPOINTS, name, NS) as Promise<EndpointsObject | undefined>;
const slicesOf = async (svc: string) => (await env.client.list<SliceObject>(ENDPOINT_SLICES, { namespace: NS, labelSelector: `kubernetes.io/service-name=${svc}` })).items;

async function threeReadyPods() {
  await env.client.create(SERVICES, service("web", { app: "web" }), { namespace: NS });
  for (let i = 1; i <= 3; i++) {
    await env.client.create(PODS, pod(`web-${i}`, { app: "web" }), { namespace: NS });
    await setStatus(`web-${i}`, `10.42.0.${i}`, true);
  }
  await env.client.create(PODS, pod("other", { app: "other" }), { namespace: NS });
  await setStatus("other", "10.42.0.9", true);
}

describe("endpoints of Services with selectors", () => {
  test("three ready pods become three Endpoints addresses on the named target port, and one EndpointSlice", async () => {
    await threeReadyPods();
    const ep = await waitUntil("3 ready addresses", async () => {
      const e = await endpoints("web");
      return e?.subsets?.[0]?.addresses?.length === 3 ? e : undefined;
    });
    expect(ep.subsets).toEqual([
      {
        addresses: [1, 2, 3].map((i) => expect.objectContaining({ ip: `10.42.0.${i}`, targetRef: expect.objectContaining({ kind: "Pod", name: `web-${i}`, namespace: NS }) })),
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    expect(ep.metadata.labels).toEqual({ tier: "front", "endpointslice.kubernetes.io/skip-mirror": "true" });
    const [slice, ...more] = await waitUntil("a slice with 3 endpoints", async () => {
      const s = await slicesOf("web");
      return s[0]?.endpoints?.length === 3 ? s : undefined;
    });
    expect(more).toEqual([]);
    const svc = await env.client.get(SERVICES, "web", { namespace: NS });
    expect(slice!.metadata.labels).toEqual({ tier: "front", "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Service", name: "web", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe("IPv4");
    expect(slice!.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(slice!.endpoints[0]).toEqual({ addresses: ["10.42.0.1"], conditions: { ready: true, serving: true, terminating: false }, targetRef: expect.objectContaining({ kind: "Pod", name: "web-1" }) });
  });

  test("a pod that stops being ready moves to notReadyAddresses and its slice endpoint to ready false", async () => {
    await threeReadyPods();
    await waitUntil("3 ready addresses", async () => (await endpoints("web"))?.subsets?.[0]?.addresses?.length === 3);
    await setStatus("web-2", "10.42.0.2", false);
    const ep = await waitUntil("web-2 not ready", async () => {
      const e = await endpoints("web");
      return e?.subsets?.[0]?.notReadyAddresses?.length === 1 ? e : undefined;
    });
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(["10.42.0.1", "10.42.0.3"]);
    expect(ep.subsets![0]!.notReadyAddresses!.map((a) => a.targetRef?.name)).toEqual(["web-2"]);
    await waitUntil("the slice to show web-2 not ready", async () => {
      const e = (await slicesOf("web"))[0]?.endpoints?.find((x) => x.targetRef?.name === "web-2");
      return e?.conditions?.ready === false && e.conditions.serving === false;
    });
  });

  test("a deleted pod leaves the Endpoints, and a deleted Service takes its Endpoints along", async () => {
    await threeReadyPods();
    await waitUntil("3 ready addresses", async () => (await endpoints("web"))?.subsets?.[0]?.addresses?.length === 3);
    await env.client.delete(PODS, "web-3", { namespace: NS, gracePeriodSeconds: 0 });
    await waitUntil("2 addresses", async () => (await endpoints("web"))?.subsets?.[0]?.addresses?.length === 2);
    await env.client.delete(SERVICES, "web", { namespace: NS });
    await env.gone(ENDPOINTS, "web", NS);
    await waitUntil("the slices to be collected", async () => (await slicesOf("web")).length === 0);
  });

  test("a Service without pods gets empty Endpoints and one placeholder slice", async () => {
    await env.client.create(SERVICES, service("lonely", { app: "nobody" }), { namespace: NS });
    const ep = await waitUntil("the Endpoints", () => endpoints("lonely"));
    expect(ep.subsets).toBeUndefined();
    const slices = await waitUntil("the placeholder slice", async () => ((await slicesOf("lonely")).length ? slicesOf("lonely") : undefined));
    expect(slices.map((s) => [s.endpoints ?? [], s.ports])).toEqual([[[], []]]);
  });

  test("Services without a selector keep the Endpoints their users write", async () => {
    const manual = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "manual", namespace: NS }, subsets: [{ addresses: [{ ip: "192.0.2.1" }], ports: [{ port: 5432 }] }] };
    await env.client.create(ENDPOINTS, manual, { namespace: NS });
    await env.client.create(SERVICES, service("manual"), { namespace: NS });
    // A Service with a selector created afterwards is handled: the controllers have seen both.
    await env.client.create(SERVICES, service("later", { app: "later" }), { namespace: NS });
    await waitUntil("the later Service's Endpoints and slice", async () => (await endpoints("later")) && (await slicesOf("later")).length === 1);
    const ep = await endpoints("manual");
    expect(ep?.subsets).toEqual([{ addresses: [{ ip: "192.0.2.1" }], ports: [{ port: 5432, protocol: "TCP" }] }]);
    expect(ep?.metadata.labels).toBeUndefined();
    expect(await slicesOf("manual")).toEqual([]);
  });

  test("a headless Service's Endpoints and slices carry the headless label", async () => {
    await env.client.create(SERVICES, { ...service("h", { app: "web" }), spec: { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80 }] } }, { namespace: NS });
    const ep = await waitUntil("the Endpoints", () => endpoints("h"));
    expect(ep.metadata.labels?.["service.kubernetes.io/headless"]).toBe("");
    const [slice] = await waitUntil("the slice", async () => ((await slicesOf("h")).length ? slicesOf("h") : undefined));
    expect(slice!.metadata.labels?.["service.kubernetes.io/headless"]).toBe("");
  });

  test("a deleted managed slice is put back", async () => {
    await threeReadyPods();
    const [slice] = await waitUntil("a slice with 3 endpoints", async () => {
      const s = await slicesOf("web");
      return s[0]?.endpoints?.length === 3 ? s : undefined;
    });
    await env.client.delete(ENDPOINT_SLICES, slice!.metadata.name, { namespace: NS });
    await waitUntil("a new slice with 3 endpoints", async () => {
      const s = await slicesOf("web");
      return s.length === 1 && s[0]!.metadata.uid !== slice!.metadata.uid && s[0]!.endpoints?.length === 3;
    });
  });
});
