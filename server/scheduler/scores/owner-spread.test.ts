import { describe, expect, test } from "bun:test";
import { makeNode, makePod, runScorer } from "../testing.ts";
import { ownerSpread } from "./owner-spread.ts";

const nodes = [makeNode("n1"), makeNode("n2"), makeNode("n3")];
const replica = (name: string, node: string, extra = {}) => makePod(name, { owner: "rs1", nodeName: node, ...extra });

describe("ownerSpread", () => {
  test.each([
    ["with no replicas placed every node scores 100", makePod("p", { owner: "rs1" }), [], { n1: 100, n2: 100, n3: 100 }],
    ["nodes with fewer replicas of the owner score higher", makePod("p", { owner: "rs1" }), [replica("a", "n1"), replica("b", "n1"), replica("c", "n2")], { n1: 0, n2: 50, n3: 100 }],
    ["other owners' pods do not count", makePod("p", { owner: "rs1" }), [makePod("x", { owner: "rs2", nodeName: "n1" })], { n1: 100, n2: 100, n3: 100 }],
    ["replicas being deleted do not count", makePod("p", { owner: "rs1" }), [replica("a", "n1", { deleting: true })], { n1: 100, n2: 100, n3: 100 }],
    ["a pod without a controller owner scores 100 everywhere", makePod("p"), [replica("a", "n1")], { n1: 100, n2: 100, n3: 100 }],
  ] as const)("%s", (_name, pod, pods, want) => {
    expect(runScorer(ownerSpread, pod, nodes, [...pods])).toEqual(want);
  });

  test("zones weigh two thirds when nodes carry a zone label", () => {
    const zoned = [makeNode("n1", { labels: { "topology.kubernetes.io/zone": "a" } }), makeNode("n2", { labels: { "topology.kubernetes.io/zone": "a" } }), makeNode("n3", { labels: { "topology.kubernetes.io/zone": "b" } })];
    // n2 holds no replica but its zone does: it ranks below n3, in the empty zone.
    expect(runScorer(ownerSpread, makePod("p", { owner: "rs1" }), zoned, [replica("a", "n1")])).toEqual({ n1: 0, n2: 33, n3: 100 });
  });
});
