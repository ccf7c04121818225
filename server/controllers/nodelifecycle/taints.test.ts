import { describe, expect, test } from "bun:test";
import { conditionTaints, readinessTaint, reconcileTaints } from "./taints.ts";
import { node, T0 } from "./testing.ts";

const keys = (ts: { key: string; effect: string }[] | undefined) => ts?.map((t) => `${t.key}:${t.effect}`);

describe("node taints from conditions", () => {
  test("a ready node needs no taints and keeps the ones others put on it", () => {
    const n = node("a", { taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }] });
    expect(conditionTaints(n)).toEqual([]);
    expect(readinessTaint(n)).toBeNull();
    expect(reconcileTaints(n, T0)).toBeUndefined();
  });

  test("Ready Unknown calls for unreachable NoSchedule and NoExecute, stamped with the time added", () => {
    const taints = reconcileTaints(node("a", { ready: "Unknown" }), T0);
    expect(taints).toEqual([
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: "2025-01-01T00:00:00Z" },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2025-01-01T00:00:00Z" },
    ]);
  });

  test("Ready False swaps unreachable for not-ready, keeping other taints in place", () => {
    const n = node("a", {
      ready: "False",
      taints: [
        { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2024-12-31T00:00:00Z" },
        { key: "dedicated", value: "db", effect: "NoSchedule" },
      ],
    });
    expect(keys(reconcileTaints(n, T0))).toEqual(["dedicated:NoSchedule", "node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"]);
  });

  test("a taint already there keeps its timeAdded, so nothing changes", () => {
    const n = node("a", {
      ready: "Unknown",
      taints: [
        { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: "2024-12-31T00:00:00Z" },
        { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2024-12-31T00:00:00Z" },
      ],
    });
    expect(reconcileTaints(n, T0)).toBeUndefined();
  });

  test("a node ready again loses the controller's taints", () => {
    const n = node("a", { taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }, { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" }] });
    expect(reconcileTaints(n, T0)).toEqual([]);
  });

  test("pressure conditions and a cordon add their NoSchedule taints", () => {
    const n = node("a");
    n.status!.conditions!.push({ type: "DiskPressure", status: "True" });
    n.spec = { unschedulable: true };
    expect(keys(conditionTaints(n))).toEqual(["node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"]);
  });

  test("without a Ready condition the NoExecute taints are left alone", () => {
    const n = node("a", { ready: null, taints: [{ key: "node.kubernetes.io/not-ready", effect: "NoExecute" }] });
    expect(readinessTaint(n)).toBeUndefined();
    expect(reconcileTaints(n, T0)).toBeUndefined();
  });
});
