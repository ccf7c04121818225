import { describe, expect, test } from "bun:test";
import type { Toleration } from "kubernetes-types/core/v1";
import { makeNode, makePod, runScorer } from "../testing.ts";
import { taintScore } from "./taints.ts";

const prefer = (key: string) => ({ key, effect: "PreferNoSchedule" });
const nodes = [makeNode("n1"), makeNode("n2", { taints: [prefer("a")] }), makeNode("n3", { taints: [prefer("a"), prefer("b"), { key: "c", effect: "NoSchedule" }] })];
const tolerating = (tolerations: Toleration[]) => makePod("p", { spec: { tolerations } });

describe("taintScore", () => {
  test.each([
    ["more untolerated PreferNoSchedule taints score lower", makePod("p"), { n1: 100, n2: 50, n3: 0 }],
    ["tolerated PreferNoSchedule taints do not count", tolerating([{ key: "a", operator: "Exists", effect: "PreferNoSchedule" }]), { n1: 100, n2: 100, n3: 0 }],
    ["a toleration without effect tolerates PreferNoSchedule", tolerating([{ key: "a", operator: "Exists" }, { key: "b", operator: "Exists" }]), { n1: 100, n2: 100, n3: 100 }],
    ["a NoSchedule toleration does not tolerate PreferNoSchedule", tolerating([{ key: "a", operator: "Exists", effect: "NoSchedule" }]), { n1: 100, n2: 50, n3: 0 }],
  ] as const)("%s", (_name, pod, want) => {
    expect(runScorer(taintScore, pod, nodes)).toEqual(want);
  });
});
