import { describe, expect, test } from "bun:test";
import type { PreferredSchedulingTerm } from "kubernetes-types/core/v1";
import { makeNode, makePod, runScorer } from "../testing.ts";
import { nodeAffinityScore } from "./node-affinity.ts";

const nodes = [makeNode("n1", { labels: { disk: "ssd", zone: "a" } }), makeNode("n2", { labels: { disk: "ssd" } }), makeNode("n3")];
const preferring = (...terms: PreferredSchedulingTerm[]) => makePod("p", { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } } });
const pref = (weight: number, key: string, value: string): PreferredSchedulingTerm => ({ weight, preference: { matchExpressions: [{ key, operator: "In", values: [value] }] } });

describe("nodeAffinityScore", () => {
  test.each([
    ["without preferences every node scores 0", makePod("p"), { n1: 0, n2: 0, n3: 0 }],
    ["the best-matching node scores 100, others in proportion", preferring(pref(20, "disk", "ssd"), pref(60, "zone", "a")), { n1: 100, n2: 25, n3: 0 }],
    ["an empty preference matches nothing", preferring({ weight: 50, preference: {} }), { n1: 0, n2: 0, n3: 0 }],
  ] as const)("%s", (_name, pod, want) => {
    expect(runScorer(nodeAffinityScore, pod, nodes)).toEqual(want);
  });
});
