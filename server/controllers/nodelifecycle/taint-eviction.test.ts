import { describe, expect, test } from "bun:test";
import type { Taint } from "kubernetes-types/core/v1";
import { EventRecorder, FakeClock } from "../../../shared/controller/index.ts";
import { createLogger } from "../../../shared/log.ts";
import { PodsByNode } from "./pod-index.ts";
import type { NodeObject, PodObject } from "./resources.ts";
import { evictionTime, taintEviction } from "./taint-eviction.ts";
import { cache, fakeApi, node, pod, T0, tolerateUnreachable } from "./testing.ts";

const unreachable: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2025-01-01T00:00:00Z" };
const at = (t: Taint) => Date.parse(t.timeAdded!);

describe("when a pod must leave a tainted node", () => {
  test("an untolerated taint means at once", () => {
    expect(evictionTime([], [unreachable], at)).toBe(-Infinity);
    expect(evictionTime([{ key: "other", operator: "Exists" }], [unreachable], at)).toBe(-Infinity);
  });

  test("a toleration with tolerationSeconds means that long after the taint was added", () => {
    expect(evictionTime([tolerateUnreachable(2)], [unreachable], at)).toBe(T0 + 2000);
    expect(evictionTime([tolerateUnreachable(0)], [unreachable], at)).toBe(T0);
    expect(evictionTime([tolerateUnreachable(-5)], [unreachable], at)).toBe(T0);
  });

  test("a toleration without tolerationSeconds means never", () => {
    expect(evictionTime([tolerateUnreachable()], [unreachable], at)).toBe(Infinity);
    expect(evictionTime([{ operator: "Exists" }], [unreachable], at)).toBe(Infinity);
  });

  test("several taints: every one tolerated, the smallest tolerationSeconds from the earliest taint", () => {
    const later: Taint = { key: "maintenance", effect: "NoExecute", timeAdded: "2025-01-01T00:01:00Z" };
    const tolerations = [tolerateUnreachable(300), { key: "maintenance", operator: "Exists" as const, effect: "NoExecute", tolerationSeconds: 60 }];
    expect(evictionTime(tolerations, [unreachable, later], at)).toBe(T0 + 60_000);
    expect(evictionTime([tolerateUnreachable(300)], [unreachable, later], at)).toBe(-Infinity);
  });

  test("no taints means never", () => {
    expect(evictionTime([], [], at)).toBe(Infinity);
  });
});

function setup(nodes: NodeObject[], pods: PodObject[]) {
  const clock = new FakeClock(T0);
  const api = fakeApi();
  const index = new PodsByNode(cache(pods));
  for (const p of pods) index.handlers.add!(p);
  const events = new EventRecorder({ client: api.client, component: "taint-eviction-controller", clock });
  const nodeCache = cache(nodes);
  const te = taintEviction({ client: api.client, nodes: nodeCache, pods: index, events, clock, log: createLogger("error") });
  return { clock, api, events, te, nodes: nodeCache };
}

describe("taint eviction", () => {
  test("a pod without a toleration is deleted at once, one tolerating for 2 s waits, one tolerating forever stays", async () => {
    const s = setup(
      [node("a", { ready: "Unknown", taints: [unreachable] })],
      [pod("bare", "a"), pod("patient", "a", { tolerations: [tolerateUnreachable(2)] }), pod("daemon", "a", { tolerations: [tolerateUnreachable()] })],
    );
    expect(await s.te.reconcile("a")).toBe(T0 + 2000);
    expect(s.api.calls()).toEqual(["PATCH /api/v1/namespaces/default/pods/bare/status", "DELETE /api/v1/namespaces/default/pods/bare"]);
    const condition = s.api.writes[0].body.status.conditions[0];
    expect(condition).toMatchObject({ type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" });
    expect(s.api.writes.find((w) => w.method === "DELETE")?.body.preconditions).toEqual({ uid: "uid-bare" });
    expect([...s.te.scheduled().keys()]).toEqual(["default/patient"]);

    s.clock.advance(1999);
    await s.te.reconcile("a");
    expect(s.api.calls()).toHaveLength(2);
    s.clock.advance(1);
    expect(await s.te.reconcile("a")).toBeUndefined();
    expect(s.api.calls().slice(2)).toEqual(["PATCH /api/v1/namespaces/default/pods/patient/status", "DELETE /api/v1/namespaces/default/pods/patient"]);
    await s.events.flush();
    expect(s.api.events()).toEqual(["TaintManagerEviction: Marking for deletion Pod default/bare", "TaintManagerEviction: Marking for deletion Pod default/patient"]);
  });

  test("pods already being deleted are left to finish", async () => {
    const s = setup([node("a", { ready: "Unknown", taints: [unreachable] })], [pod("going", "a", { deleting: T0 })]);
    expect(await s.te.reconcile("a")).toBeUndefined();
    expect(s.api.writes).toEqual([]);
  });

  test("a taint without timeAdded counts from when the controller first saw it", async () => {
    const s = setup([node("a", { ready: "Unknown", taints: [{ key: unreachable.key, effect: "NoExecute" }] })], [pod("p", "a", { tolerations: [tolerateUnreachable(5)] })]);
    s.clock.advance(1000);
    expect(await s.te.reconcile("a")).toBe(T0 + 6000);
    s.clock.advance(1000);
    expect(await s.te.reconcile("a")).toBe(T0 + 6000);
  });

  test("removing the taint cancels a waiting eviction with an event", async () => {
    const s = setup([node("a", { ready: "Unknown", taints: [unreachable] })], [pod("p", "a", { tolerations: [tolerateUnreachable(30)] })]);
    expect(await s.te.reconcile("a")).toBe(T0 + 30_000);
    s.nodes.set(node("a"));
    expect(await s.te.reconcile("a")).toBeUndefined();
    await s.events.flush();
    expect(s.api.events()).toEqual(["TaintManagerEviction: Cancelling deletion of Pod default/p"]);
    expect(s.api.calls()).toEqual([]);
  });
});
