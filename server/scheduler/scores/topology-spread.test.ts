import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { makeNode, makePod, runScorer } from "../testing.ts";
import { topologySpreadScore } from "./topology-spread.ts";

const nodes = [makeNode("n1", { labels: { zone: "a" } }), makeNode("n2", { labels: { zone: "a" } }), makeNode("n3", { labels: { zone: "b" } }), makeNode("n4")];
const soft = (maxSkew = 1): Pod =>
  makePod("p", { labels: { app: "web" }, spec: { topologySpreadConstraints: [{ maxSkew, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } }] } });
const web = (name: string, node: string) => makePod(name, { labels: { app: "web" }, nodeName: node });

describe("topologySpreadScore", () => {
  test.each([
    ["without soft constraints every node scores 100", makePod("p"), [web("a", "n1")], { n1: 100, n2: 100, n3: 100, n4: 100 }],
    ["empty domains score 100 and nodes without the label 0", soft(), [], { n1: 100, n2: 100, n3: 100, n4: 0 }],
    ["the zone with more matching pods scores lower", soft(), [web("a", "n1"), web("b", "n2")], { n1: 0, n2: 0, n3: 100, n4: 0 }],
    ["one pod ahead scores in proportion", soft(), [web("a", "n1"), web("b", "n2"), web("c", "n3")], { n1: 33, n2: 33, n3: 100, n4: 0 }],
  ] as const)("%s", (_name, pod, pods, want) => {
    expect(runScorer(topologySpreadScore, pod, nodes, [...pods])).toEqual(want);
  });
});
