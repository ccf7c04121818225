// The disruption controller against the in-process API, with pods/eviction spending what it allows.
import { afterEach, describe, expect, test } from "bun:test";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { Client, type ApiResource } from "../../../shared/client/index.ts";
import { SharedInformers } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger } from "../../../shared/log.ts";
import { TEST_TOKEN, testApi } from "../../api/testing.ts";
import { PDBS, startDisruptionController } from "./index.ts";
import { REPLICASETS } from "./scale.ts";

const PODS: ApiResource = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
type Budget = StoredObject & PodDisruptionBudget;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function env() {
  const api = await testApi();
  const fetch = (req: Request) => api.app.fetch(req);
  const client = new Client({ baseUrl: "http://kubun.test", fetch, token: TEST_TOKEN });
  const informers = new SharedInformers(new Client({ baseUrl: "http://kubun.internal", fetch, token: TEST_TOKEN }));
  const controller = startDisruptionController({ client: informers.client, informers, types: api.ctx.registry, log: createLogger("error"), queue: { baseDelayMs: 1, maxDelayMs: 100 } });
  stop = async () => {
    await controller.stop();
    await informers.stop();
    api.close();
  };
  return {
    api,
    client,
    /** A running, ready pod on node n1. */
    async pod(name: string, labels: Record<string, string>, ownerReferences?: OwnerReference[]) {
      const p = await client.create(PODS, { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels, ...(ownerReferences ? { ownerReferences } : {}) }, spec: { nodeName: "n1", containers: [{ name: "c", image: "nginx" }] } });
      await client.updateStatus(PODS, { ...p, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } });
    },
    budget: (spec: PodDisruptionBudget["spec"]) => client.create(PDBS, { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "default" }, spec }),
    status: async () => (await client.get<Budget>(PDBS, "web", { namespace: "default" })).status,
    evict: (pod: string) => api.call("POST", `/api/v1/namespaces/default/pods/${pod}/eviction`, { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: pod, namespace: "default" } }),
  };
}

describe("disruption controller (in process)", () => {
  test("minAvailable 2 over 3 ready pods allows one eviction; a second is 429 TooManyRequests", async () => {
    const e = await env();
    for (const n of ["web-0", "web-1", "web-2"]) await e.pod(n, { app: "web" });
    await e.pod("other", { app: "db" });
    await e.budget({ minAvailable: 2, selector: { matchLabels: { app: "web" } } });
    await waitUntil("the budget to allow a disruption", async () => (await e.status())?.disruptionsAllowed === 1);
    const s = (await e.status())!;
    expect(s).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 });
    expect(s.conditions?.[0]).toMatchObject({ type: "DisruptionAllowed", status: "True", reason: "SufficientPods" });

    expect((await e.evict("web-0")).status).toBe(201);
    const second = await e.evict("web-1");
    expect(second.status).toBe(429);
    expect(second.json).toMatchObject({ reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget." });
    // 3 healthy as the eviction left the status, 2 once the controller has seen the pod terminating.
    expect(second.json.details.causes[0].reason).toBe("DisruptionBudget");
    expect(second.json.details.causes[0].message).toMatch(/^The disruption budget web needs 2 healthy pods and has [23] currently$/);
    // The controller catches up: the evicted pod is terminating, so 2 are healthy and none may go.
    // (The pod is no longer listed as disrupted once the controller sees it being deleted.)
    await waitUntil("the budget to see the evicted pod go", async () => {
      const s = await e.status();
      return s?.currentHealthy === 2 && !s.disruptedPods;
    });
    expect(await e.status()).toMatchObject({ disruptionsAllowed: 0, conditions: [{ status: "False", reason: "InsufficientPods" }] });
    expect((await e.evict("web-2")).status).toBe(429);
  });

  test("maxUnavailable over pods without a controller expects none of them and allows nothing", async () => {
    const e = await env();
    for (const n of ["a", "b", "c"]) await e.pod(n, { app: "web" });
    await e.budget({ maxUnavailable: 1, selector: { matchLabels: { app: "web" } } });
    await waitUntil("the budget to be computed", async () => (await e.status())?.observedGeneration === 1);
    expect(await e.status()).toMatchObject({ expectedPods: 0, currentHealthy: 3, disruptionsAllowed: 0, conditions: [{ reason: "InsufficientPods" }] });
    const events = await waitUntil("an UnmanagedPods event", async () => {
      const list = await e.client.list<{ reason?: string }>({ group: "", version: "v1", plural: "events", kind: "Event", namespaced: true }, { namespace: "default" });
      return list.items.find((ev) => ev.reason === "UnmanagedPods");
    });
    expect(events).toBeDefined();
  });

  test("a pod whose controller cannot be found makes the budget fail safe", async () => {
    const e = await env();
    await e.pod("orphan", { app: "web" }, [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "gone", uid: "no-such-uid", controller: true }]);
    await e.budget({ minAvailable: "50%", selector: { matchLabels: { app: "web" } } });
    await waitUntil("the budget to fail safe", async () => (await e.status())?.conditions?.[0]?.reason === "SyncFailed");
    expect(await e.status()).toMatchObject({ disruptionsAllowed: 0, conditions: [{ status: "False", message: 'found no controllers for pod "orphan"' }] });
    expect((await e.evict("orphan")).status).toBe(429);
  });

  test("with controllers found, concurrent evictions spend exactly the disruptions allowed", async () => {
    const e = await env();
    const rs = await e.client.create(REPLICASETS, {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 4, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    const owner = [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true }];
    for (const n of ["a", "b", "c", "d"]) await e.pod(n, { app: "web" }, owner);
    await e.budget({ maxUnavailable: "25%", selector: { matchLabels: { app: "web" } } });
    await waitUntil("the budget to allow a disruption", async () => (await e.status())?.disruptionsAllowed === 1);
    expect(await e.status()).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 4 });
    const results = await Promise.all(["a", "b", "c"].map((p) => e.evict(p)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 429, 429]);
    expect(Object.keys((await e.status())?.disruptedPods ?? {})).toHaveLength(1);
  });

  test("an eviction before the controller has looked at a new budget is refused for now", async () => {
    // No controller runs here: the budget keeps no status.
    const api = await testApi();
    stop = async () => api.close();
    const created = await api.call("POST", "/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "solo", labels: { app: "web" } }, spec: { nodeName: "n1", containers: [{ name: "c", image: "nginx" }] } });
    await api.call("PUT", "/api/v1/namespaces/default/pods/solo/status", { ...created.json, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } });
    await api.call("POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web" }, spec: { minAvailable: 0, selector: { matchLabels: { app: "web" } } } });
    const r = await api.call("POST", "/api/v1/namespaces/default/pods/solo/eviction", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "solo" } });
    expect(r.status).toBe(429);
    expect(r.json.details).toEqual({ retryAfterSeconds: 10, causes: [{ reason: "DisruptionBudget", message: "The disruption budget web is still being processed by the server." }] });
  });

  test("a pending pod is evicted whatever its budget says", async () => {
    const api = await testApi();
    stop = async () => api.close();
    await api.call("POST", "/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "waiting", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] }, status: { phase: "Pending" } });
    await api.call("POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web" }, spec: { minAvailable: 5, selector: { matchLabels: { app: "web" } } } });
    const r = await api.call("POST", "/api/v1/namespaces/default/pods/waiting/eviction", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "waiting" } });
    expect(r.status).toBe(201);
    expect((await api.call("GET", "/api/v1/namespaces/default/pods/waiting")).status).toBe(404);
  });
});
