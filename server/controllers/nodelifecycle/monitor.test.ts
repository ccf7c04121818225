import { describe, expect, test } from "bun:test";
import { EventRecorder, FakeClock } from "../../../shared/controller/index.ts";
import { createLogger } from "../../../shared/log.ts";
import { NodeHealth } from "./health.ts";
import { nodeMonitor } from "./monitor.ts";
import { PodsByNode } from "./pod-index.ts";
import type { LeaseObject, NodeObject, PodObject } from "./resources.ts";
import { cache, fakeApi, lease, node, pod, T0 } from "./testing.ts";

function setup(nodes: NodeObject[], leases: LeaseObject[] = [], pods: PodObject[] = []) {
  const clock = new FakeClock(T0);
  const api = fakeApi();
  const nodeCache = cache(nodes);
  const podCache = cache(pods);
  const index = new PodsByNode(podCache);
  for (const p of pods) index.handlers.add!(p);
  const events = new EventRecorder({ client: api.client, component: "node-controller", clock });
  const health = new NodeHealth({ gracePeriodMs: 40_000, startupGracePeriodMs: 60_000 });
  const reconcile = nodeMonitor({ client: api.client, nodes: nodeCache, leases: cache(leases), pods: index, health, events, clock, log: createLogger("error") });
  return { clock, api, nodeCache, events, reconcile };
}

describe("node monitor", () => {
  test("a node whose lease is fresh is left alone and looked at again when it would go stale", async () => {
    const s = setup([node("a")], [lease("a", T0)]);
    expect(await s.reconcile("a")).toBe(T0 + 40_001);
    expect(s.api.calls()).toEqual([]);
  });

  test("a node silent past the grace period gets Ready Unknown, then the unreachable taints", async () => {
    const s = setup([node("a")], [lease("a", T0)]);
    await s.reconcile("a");
    s.clock.advance(40_001);
    expect(await s.reconcile("a")).toBeUndefined();
    expect(s.api.calls()).toEqual(["PUT /api/v1/nodes/a/status", "PATCH /api/v1/nodes/a"]);
    const [status, taints] = s.api.writes.filter((w) => !w.path.includes("/events"));
    const ready = status.body.status.conditions.find((c: { type: string }) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    expect(status.body.metadata.resourceVersion).toBe("10");
    expect(taints.body.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    expect(taints.body.metadata.resourceVersion).toBeDefined();
  });

  test("going from Ready to not ready records NodeNotReady and marks the node's pods not ready", async () => {
    const s = setup([node("a")], [lease("a", T0)], [pod("web-1", "a"), pod("web-2", "a", { ready: false }), pod("other", "b")]);
    await s.reconcile("a");
    s.clock.advance(41_000);
    s.nodeCache.set(node("a", { ready: "False" }));
    await s.reconcile("a");
    await s.events.flush();
    expect(s.api.calls()).toContain("PATCH /api/v1/namespaces/default/pods/web-1/status");
    expect(s.api.calls().filter((c) => c.includes("/pods/"))).toEqual(["PATCH /api/v1/namespaces/default/pods/web-1/status"]);
    expect(s.api.events()).toEqual(["NodeNotReady: Node a status is now: NodeNotReady", "NodeNotReady: Node is not ready"]);
  });

  test("a node reporting Ready False is tainted not-ready at once", async () => {
    const s = setup([node("a", { ready: "False" })], [lease("a", T0)]);
    await s.reconcile("a");
    const patch = s.api.writes.find((w) => w.method === "PATCH");
    expect(patch?.body.spec.taints.map((t: { key: string }) => t.key)).toEqual(["node.kubernetes.io/not-ready", "node.kubernetes.io/not-ready"]);
  });

  test("a node ready again has the controller's taints removed", async () => {
    const s = setup([node("a", { taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2025-01-01T00:00:00Z" }] })], [lease("a", T0)]);
    await s.reconcile("a");
    expect(s.api.writes.find((w) => w.method === "PATCH")?.body.spec).toEqual({ taints: null });
  });

  test("a deleted node is forgotten", async () => {
    const s = setup([], []);
    expect(await s.reconcile("gone")).toBeUndefined();
    expect(s.api.writes).toEqual([]);
  });
});
