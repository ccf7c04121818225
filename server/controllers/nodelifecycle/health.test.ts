import { describe, expect, test } from "bun:test";
import { NodeHealth, unknownConditions } from "./health.ts";
import { lease, node, T0 } from "./testing.ts";

const opts = { gracePeriodMs: 40_000, startupGracePeriodMs: 60_000 };

describe("node health", () => {
  test("a node first seen is stale one grace period after the controller saw it", () => {
    const h = new NodeHealth(opts);
    expect(h.observe(node("a"), lease("a", T0 - 500_000), T0)).toBe(T0 + 40_000);
  });

  test("each renewal of the lease moves the deadline, measured on the controller's clock", () => {
    const h = new NodeHealth(opts);
    // The node's clock is an hour behind the server's: only the renewal counts, not the time in it.
    const skew = 3600_000;
    h.observe(node("a"), lease("a", T0 - skew), T0);
    expect(h.observe(node("a"), lease("a", T0 - skew + 10_000), T0 + 12_000)).toBe(T0 + 52_000);
    expect(h.observe(node("a"), lease("a", T0 - skew + 10_000), T0 + 30_000)).toBe(T0 + 52_000);
    // A renewTime going backwards is not a renewal (upstream compares with Before).
    expect(h.observe(node("a"), lease("a", T0 - skew), T0 + 31_000)).toBe(T0 + 52_000);
  });

  test("a new Ready heartbeat counts as a sign of life too", () => {
    const h = new NodeHealth(opts);
    h.observe(node("a"), undefined, T0);
    expect(h.observe(node("a", { heartbeat: T0 + 5000 }), undefined, T0 + 6000)).toBe(T0 + 46_000);
  });

  test("a node that never posted status gets the startup grace period from its creation", () => {
    const h = new NodeHealth(opts);
    const n = node("a", { ready: null });
    expect(h.observe(n, undefined, T0)).toBe(Date.parse(n.metadata.creationTimestamp!) + 60_000);
  });

  test("forgetting a node starts it over", () => {
    const h = new NodeHealth(opts);
    h.observe(node("a"), undefined, T0);
    h.forget("a");
    expect(h.observe(node("a"), undefined, T0 + 100_000)).toBe(T0 + 140_000);
  });
});

describe("conditions of a silent node", () => {
  test("kubelet conditions become Unknown with upstream's reason and message; missing ones are added", () => {
    const n = node("a");
    const out = unknownConditions(n.status!.conditions, n.metadata.creationTimestamp, T0);
    expect(out.find((c) => c.type === "Ready")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: "2025-01-01T00:00:00Z" });
    expect(out.find((c) => c.type === "MemoryPressure")?.status).toBe("Unknown");
    expect(out.find((c) => c.type === "DiskPressure")).toMatchObject({ status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: n.metadata.creationTimestamp });
  });

  test("conditions already Unknown are left as they are", () => {
    const n = node("a");
    const once = unknownConditions(n.status!.conditions, undefined, T0);
    expect(unknownConditions(once, undefined, T0 + 60_000)).toEqual(once);
  });
});
