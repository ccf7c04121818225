import { describe, expect, test } from "bun:test";
import { feasibleNodesToFind, findFeasible, fitErrorMessage, pickBest, selectNode } from "./algorithm.ts";
import { SchedulerCache } from "./cache.ts";
import { Cycle } from "./cycle.ts";
import { defaultFilters } from "./filters/index.ts";
import { defaultScorers } from "./scores/index.ts";
import { makeNode, makePod } from "./testing.ts";

describe("fitErrorMessage", () => {
  test("counts reasons over nodes, sorted as upstream, with the preemption part", () => {
    const reasons = new Map([
      ["n1", ["Insufficient cpu"]],
      ["n2", ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"]],
      ["n3", ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"]],
    ]);
    expect(fitErrorMessage(3, reasons)).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  test("a node short of several resources counts for each", () => {
    expect(fitErrorMessage(1, new Map([["n1", ["Insufficient cpu", "Insufficient memory"]]]))).toBe(
      "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
  });

  test("no nodes at all says so", () => {
    expect(fitErrorMessage(0, new Map())).toBe("no nodes available to schedule pods");
  });
});

describe("pickBest", () => {
  test("the highest score wins", () => {
    expect(pickBest([10, 30, 20], () => 0)).toBe(1);
  });

  test("ties are broken by the injected rng", () => {
    expect(pickBest([30, 10, 30, 30], () => 0)).toBe(3);
    expect(pickBest([30, 10, 30, 30], () => 0.99)).toBe(0);
  });
});

describe("feasibleNodesToFind", () => {
  test.each([
    [50, 50],
    [100, 100],
    [500, 230],
    [5000, 500],
    [10000, 500],
  ])("%i nodes: stop after %i feasible ones", (total, want) => {
    expect(feasibleNodesToFind(total)).toBe(want);
  });
});

describe("scheduling a burst through the cache", () => {
  test("assumed pods count, so replicas of one owner spread over equal nodes", () => {
    const cache = new SchedulerCache(() => 0);
    for (const n of ["n1", "n2", "n3"]) cache.upsertNode(makeNode(n));
    const placed: string[] = [];
    for (let i = 0; i < 30; i++) {
      const pod = makePod(`web-${i}`, { owner: "rs1", cpu: "100m", memory: "64Mi" });
      const ctx = new Cycle(pod, cache);
      const { feasible } = findFeasible(ctx, cache.nodes(), defaultFilters);
      const node = selectNode(ctx, feasible, defaultScorers, () => 0.5).name;
      cache.assume(pod, node);
      placed.push(node);
    }
    const counts = Object.fromEntries(["n1", "n2", "n3"].map((n) => [n, placed.filter((p) => p === n).length]));
    expect(counts).toEqual({ n1: 10, n2: 10, n3: 10 });
  });

  test("filtering starts where the previous cycle stopped", () => {
    const cache = new SchedulerCache(() => 0);
    for (let i = 0; i < 3; i++) cache.upsertNode(makeNode(`n${i}`));
    const ctx = new Cycle(makePod("p"), cache);
    expect(findFeasible(ctx, cache.nodes(), defaultFilters, 2).feasible.map((n) => n.name)).toEqual(["n2", "n0", "n1"]);
  });
});
