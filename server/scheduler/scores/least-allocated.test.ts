import { describe, expect, test } from "bun:test";
import { makeNode, makePod, runScorer } from "../testing.ts";
import { leastAllocated } from "./least-allocated.ts";

// Per resource: (allocatable − requested after the pod) × 100 / allocatable, truncated; then the mean.
describe("leastAllocated", () => {
  test.each([
    ["an empty node scores by what the pod leaves free", makePod("p", { cpu: "1", memory: "2Gi" }), [], { n1: 62, n2: 81 }],
    ["busier nodes score lower", makePod("p", { cpu: "1", memory: "1Gi" }), [makePod("q", { cpu: "2", memory: "4Gi", nodeName: "n2" })], { n1: 75, n2: 49 }],
    ["containers without requests count as 100m and 200Mi", makePod("p"), [], { n1: 96, n2: 97 }],
    ["a pod asking more than the node has scores 0 for that resource", makePod("p", { cpu: "6", memory: "1Gi" }), [], { n1: 37, n2: 56 }],
  ] as const)("%s", (_name, pod, pods, want) => {
    const nodes = [makeNode("n1", { cpu: "4", memory: "4Gi" }), makeNode("n2", { cpu: "8", memory: "8Gi" })];
    expect(runScorer(leastAllocated, pod, nodes, [...pods])).toEqual(want);
  });
});
