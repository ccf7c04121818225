import { describe, expect, test } from "bun:test";
import { FakeClock } from "../../../shared/controller/index.ts";
import { createLogger } from "../../../shared/log.ts";
import { podGC } from "./podgc.ts";
import type { NodeObject, PodObject } from "./resources.ts";
import { cache, fakeApi, node, pod, T0 } from "./testing.ts";

const unreachableNode = () => node("a", { ready: "Unknown", taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }] });

function setup(nodes: NodeObject[], pods: PodObject[]) {
  const clock = new FakeClock(T0);
  const api = fakeApi();
  const gc = podGC({ client: api.client, nodes: cache(nodes), pods: cache(pods), clock, log: createLogger("error"), quarantineMs: 40_000 });
  return { clock, api, gc };
}

describe("pod GC", () => {
  test("a pod being deleted on an unreachable node is marked Failed and force-deleted once its grace period is over", async () => {
    const s = setup([unreachableNode()], [pod("p", "a", { deleting: T0 + 30_000 })]);
    expect(await s.gc.reconcile("default/p")).toBe(T0 + 30_000);
    expect(s.api.writes).toEqual([]);
    s.clock.advance(30_000);
    expect(await s.gc.reconcile("default/p")).toBeUndefined();
    expect(s.api.calls()).toEqual(["PATCH /api/v1/namespaces/default/pods/p/status", "DELETE /api/v1/namespaces/default/pods/p"]);
    expect(s.api.writes[0].body).toEqual({ status: { phase: "Failed" } });
    expect(s.api.writes[1].body).toMatchObject({ gracePeriodSeconds: 0, preconditions: { uid: "uid-p" } });
  });

  test("a pod being deleted on a reachable node is left to its agent", async () => {
    const s = setup([node("a")], [pod("p", "a", { deleting: T0 - 60_000 })]);
    expect(await s.gc.reconcile("default/p")).toBeUndefined();
    expect(s.api.writes).toEqual([]);
  });

  test("a running pod on an unreachable node is the taint manager's business, not the GC's", async () => {
    const s = setup([unreachableNode()], [pod("p", "a")]);
    expect(await s.gc.reconcile("default/p")).toBeUndefined();
    expect(s.api.writes).toEqual([]);
  });

  test("a pod bound to a node that no longer exists goes after the quarantine, if a live read agrees", async () => {
    const s = setup([], [pod("p", "gone"), pod("q", "back")]);
    expect(await s.gc.reconcile("default/p")).toBe(T0 + 40_000);
    expect(await s.gc.reconcile("default/q")).toBe(T0 + 40_000);
    s.api.serve("/api/v1/nodes/back", node("back"));
    s.clock.advance(40_000);
    await s.gc.reconcile("default/p");
    await s.gc.reconcile("default/q");
    expect(s.api.calls()).toEqual(["PATCH /api/v1/namespaces/default/pods/p/status", "DELETE /api/v1/namespaces/default/pods/p"]);
    expect(s.api.writes[0].body.status).toMatchObject({ phase: "Failed", conditions: [{ type: "DisruptionTarget", status: "True", reason: "DeletionByPodGC", message: "PodGC: node no longer exists" }] });
  });

  test("a finished pod is deleted without touching its status", async () => {
    const s = setup([], [pod("done", "gone", { phase: "Succeeded" })]);
    s.clock.advance(1);
    await s.gc.reconcile("default/done");
    s.clock.advance(40_000);
    await s.gc.reconcile("default/done");
    expect(s.api.calls()).toEqual(["DELETE /api/v1/namespaces/default/pods/done"]);
  });
});
