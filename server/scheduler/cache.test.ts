import { describe, expect, test } from "bun:test";
import { SchedulerCache } from "./cache.ts";
import { makeNode, makePod } from "./testing.ts";

function setup() {
  let now = 0;
  const cache = new SchedulerCache(() => now, 1000);
  cache.upsertNode(makeNode("n1", { cpu: "2" }));
  cache.upsertNode(makeNode("n2", { cpu: "2" }));
  return { cache, advance: (ms: number) => (now += ms) };
}
const cpuOn = (cache: SchedulerCache, node: string) => cache.node(node)!.requested.milliCPU;

describe("SchedulerCache", () => {
  test("a bound pod counts on its node; deleting it frees the node", () => {
    const { cache } = setup();
    const pod = makePod("p", { cpu: "500m", nodeName: "n1" });
    cache.updatePod(pod);
    expect(cpuOn(cache, "n1")).toBe(500);
    cache.removePod(pod);
    expect(cpuOn(cache, "n1")).toBe(0);
  });

  test("a pod that finished holds nothing", () => {
    const { cache } = setup();
    cache.updatePod(makePod("p", { cpu: "500m", nodeName: "n1" }));
    cache.updatePod(makePod("p", { cpu: "500m", nodeName: "n1", phase: "Succeeded" }));
    expect(cpuOn(cache, "n1")).toBe(0);
  });

  test("an assumed pod counts until the watch confirms it, and survives stale pending versions", () => {
    const { cache } = setup();
    const pending = makePod("p", { cpu: "500m" });
    cache.assume(pending, "n2");
    expect(cpuOn(cache, "n2")).toBe(500);
    cache.updatePod(pending); // an older event, from before the bind
    expect(cpuOn(cache, "n2")).toBe(500);
    cache.updatePod(makePod("p", { cpu: "500m", nodeName: "n2" }));
    expect(cache.isAssumed("default/p")).toBe(false);
    expect(cpuOn(cache, "n2")).toBe(500);
  });

  test("a failed bind forgets the assumed pod", () => {
    const { cache } = setup();
    cache.assume(makePod("p", { cpu: "500m" }), "n1");
    cache.forget("default/p");
    expect(cpuOn(cache, "n1")).toBe(0);
  });

  test("an assumed pod never seen bound expires after the TTL, not while its bind is in flight", () => {
    const { cache, advance } = setup();
    cache.assume(makePod("p", { cpu: "500m" }), "n1");
    advance(5000);
    expect(cache.expire()).toEqual([]);
    cache.finishBinding("default/p");
    advance(999);
    expect(cache.expire()).toEqual([]);
    advance(1);
    expect(cache.expire()).toEqual(["default/p"]);
    expect(cpuOn(cache, "n1")).toBe(0);
  });

  test("pods bound to an unknown node wait for it and count once it appears", () => {
    const { cache } = setup();
    cache.updatePod(makePod("p", { cpu: "1", nodeName: "n3" }));
    expect(cache.nodes().map((n) => n.name)).toEqual(["n1", "n2"]);
    cache.upsertNode(makeNode("n3"));
    expect(cpuOn(cache, "n3")).toBe(1000);
  });

  test("a removed node leaves the list", () => {
    const { cache } = setup();
    cache.updatePod(makePod("p", { cpu: "1", nodeName: "n1" }));
    cache.removeNode("n1");
    expect(cache.nodes().map((n) => n.name)).toEqual(["n2"]);
    expect(cache.node("n1")).toBeUndefined();
  });

  test("a pod moving between nodes is counted once", () => {
    const { cache } = setup();
    cache.assume(makePod("p", { cpu: "1" }), "n1");
    cache.updatePod(makePod("p", { cpu: "1", nodeName: "n2" }));
    expect([cpuOn(cache, "n1"), cpuOn(cache, "n2")]).toEqual([0, 1000]);
  });
});
