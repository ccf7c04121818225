import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { budgetStatus, countHealthy, disruptedPods, expectedPods, failSafeStatus, rfc3339, scaled, type ScaleFinder } from "./budget.ts";

const T0 = Date.parse("2025-01-01T00:00:00Z");

function pod(name: string, opts: { ready?: boolean; deleting?: boolean; owner?: string } = {}): Pod {
  return {
    metadata: {
      name,
      namespace: "default",
      ...(opts.deleting ? { deletionTimestamp: rfc3339(T0) } : {}),
      ...(opts.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: opts.owner, uid: `uid-${opts.owner}`, controller: true }] } : {}),
    },
    status: { conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }] },
  };
}

const pdb = (spec: PodDisruptionBudget["spec"], status?: PodDisruptionBudget["status"]): PodDisruptionBudget => ({ metadata: { name: "b", namespace: "default", generation: 1 }, spec, status });
const scales = (m: Record<string, number>): ScaleFinder => async (ref) => (ref.name in m ? { uid: ref.uid, replicas: m[ref.name] } : null);

describe("expected pods", () => {
  test("an integer minAvailable counts the pods there are and needs no controllers", async () => {
    expect(await expectedPods(pdb({ minAvailable: 2 }), [pod("a"), pod("b"), pod("c")], scales({}))).toEqual({ expectedCount: 3, desiredHealthy: 2, unmanaged: [] });
  });

  test("a percentage is of the controllers' scale, rounded up", async () => {
    const pods = [pod("a", { owner: "rs" }), pod("b", { owner: "rs" })];
    expect(await expectedPods(pdb({ minAvailable: "50%" }), pods, scales({ rs: 5 }))).toEqual({ expectedCount: 5, desiredHealthy: 3, unmanaged: [] });
    expect(await expectedPods(pdb({ maxUnavailable: "30%" }), pods, scales({ rs: 5 }))).toEqual({ expectedCount: 5, desiredHealthy: 3, unmanaged: [] });
    expect(await expectedPods(pdb({ maxUnavailable: 1 }), pods, scales({ rs: 5 }))).toEqual({ expectedCount: 5, desiredHealthy: 4, unmanaged: [] });
  });

  test("pods without a controller are reported as unmanaged; a controller that cannot be found is an error", async () => {
    expect((await expectedPods(pdb({ maxUnavailable: 1 }), [pod("bare"), pod("a", { owner: "rs" })], scales({ rs: 2 }))).unmanaged).toEqual(["bare"]);
    await expect(expectedPods(pdb({ maxUnavailable: 1 }), [pod("a", { owner: "gone" })], scales({}))).rejects.toThrow('found no controllers for pod "a"');
  });

  test("percentages round up, as GetScaledValueFromIntOrPercent", () => {
    expect(scaled("10%", 3)).toBe(1);
    expect(scaled("100%", 3)).toBe(3);
    expect(scaled(4, 3)).toBe(4);
  });
});

describe("healthy pods and disruptions in flight", () => {
  test("ready pods count, unless being deleted or just evicted", () => {
    const pods = [pod("a"), pod("b", { ready: false }), pod("c", { deleting: true }), pod("d")];
    expect(countHealthy(pods, {}, T0)).toBe(2);
    expect(countHealthy(pods, { d: rfc3339(T0) }, T0 + 1000)).toBe(1);
    expect(countHealthy(pods, { d: rfc3339(T0) }, T0 + 121_000)).toBe(2);
  });

  test("evictions whose pod is gone or deleting are dropped; one not deleted after 2 minutes is reported", () => {
    const b = pdb({ minAvailable: 1 }, { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0, disruptedPods: { gone: rfc3339(T0), going: rfc3339(T0), stuck: rfc3339(T0 - 200_000), fresh: rfc3339(T0) } });
    const r = disruptedPods(b, [pod("going", { deleting: true }), pod("stuck"), pod("fresh")], T0);
    expect(r.disrupted).toEqual({ fresh: rfc3339(T0) });
    expect(r.notDeleted.map((p) => p.metadata?.name)).toEqual(["stuck"]);
    expect(r.recheckAt).toBe(T0 + 120_000);
  });
});

describe("budget status", () => {
  test("minAvailable 2 over 3 ready pods allows 1 disruption", () => {
    const s = budgetStatus(pdb({ minAvailable: 2 }), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disrupted: {} }, T0);
    expect(s).toEqual({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
      conditions: [{ type: "DisruptionAllowed", status: "True", reason: "SufficientPods", message: "", observedGeneration: 1, lastTransitionTime: rfc3339(T0) }],
    });
  });

  test("no expected pods allows nothing, and a status already right is not written again", () => {
    const s = budgetStatus(pdb({ minAvailable: 0 }), { currentHealthy: 0, desiredHealthy: 0, expectedCount: 0, disrupted: {} }, T0)!;
    expect(s.disruptionsAllowed).toBe(0);
    expect(s.conditions?.[0]).toMatchObject({ status: "False", reason: "InsufficientPods" });
    expect(budgetStatus(pdb({ minAvailable: 0 }, s), { currentHealthy: 0, desiredHealthy: 0, expectedCount: 0, disrupted: {} }, T0 + 5000)).toBeUndefined();
  });

  test("a change of status keeps the condition's transition time when its status stays", () => {
    const first = budgetStatus(pdb({ minAvailable: 1 }), { currentHealthy: 3, desiredHealthy: 1, expectedCount: 3, disrupted: {} }, T0)!;
    const second = budgetStatus(pdb({ minAvailable: 1 }, first), { currentHealthy: 2, desiredHealthy: 1, expectedCount: 3, disrupted: {} }, T0 + 5000)!;
    expect(second.disruptionsAllowed).toBe(1);
    expect(second.conditions?.[0].lastTransitionTime).toBe(rfc3339(T0));
  });

  test("the fail-safe status allows no disruption and says why", () => {
    const s = failSafeStatus(pdb({ maxUnavailable: 1 }, { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 }), "found no controllers for pod \"a\"", T0);
    expect(s.disruptionsAllowed).toBe(0);
    expect(s.conditions).toEqual([{ type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message: 'found no controllers for pod "a"', observedGeneration: 1, lastTransitionTime: rfc3339(T0) }]);
  });
});
