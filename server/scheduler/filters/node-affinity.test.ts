import { describe, expect, test } from "bun:test";
import type { NodeSelectorRequirement, NodeSelectorTerm } from "kubernetes-types/core/v1";
import { makePod, runFilter } from "../testing.ts";
import { nodeAffinity, NODE_AFFINITY_REASON } from "./node-affinity.ts";

const labels = { zone: "a", disk: "ssd", cores: "8" };
const requiring = (...nodeSelectorTerms: NodeSelectorTerm[]) =>
  makePod("p", { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } } });
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, values });
const no = { ok: false, reason: NODE_AFFINITY_REASON } as const;
const yes = { ok: true } as const;

describe("nodeAffinity", () => {
  test.each([
    ["a pod without selector or affinity fits", makePod("p"), yes],
    ["a nodeSelector the node's labels satisfy fits", makePod("p", { spec: { nodeSelector: { zone: "a", disk: "ssd" } } }), yes],
    ["a nodeSelector with another value does not fit", makePod("p", { spec: { nodeSelector: { zone: "b" } } }), no],
    ["a nodeSelector on a missing label does not fit", makePod("p", { spec: { nodeSelector: { gpu: "yes" } } }), no],
    ["In matches a listed value", requiring({ matchExpressions: [expr("zone", "In", ["a", "b"])] }), yes],
    ["In does not match other values", requiring({ matchExpressions: [expr("zone", "In", ["b"])] }), no],
    ["NotIn matches other values", requiring({ matchExpressions: [expr("zone", "NotIn", ["b"])] }), yes],
    ["NotIn matches a missing label", requiring({ matchExpressions: [expr("gpu", "NotIn", ["yes"])] }), yes],
    ["NotIn refuses a listed value", requiring({ matchExpressions: [expr("zone", "NotIn", ["a"])] }), no],
    ["Exists needs the label", requiring({ matchExpressions: [expr("disk", "Exists")] }), yes],
    ["Exists fails without the label", requiring({ matchExpressions: [expr("gpu", "Exists")] }), no],
    ["DoesNotExist needs the label absent", requiring({ matchExpressions: [expr("gpu", "DoesNotExist")] }), yes],
    ["DoesNotExist fails with the label", requiring({ matchExpressions: [expr("zone", "DoesNotExist")] }), no],
    ["Gt compares as integers", requiring({ matchExpressions: [expr("cores", "Gt", ["4"])] }), yes],
    ["Gt fails when not greater", requiring({ matchExpressions: [expr("cores", "Gt", ["8"])] }), no],
    ["Lt compares as integers", requiring({ matchExpressions: [expr("cores", "Lt", ["10"])] }), yes],
    ["Gt on a non-integer label fails", requiring({ matchExpressions: [expr("zone", "Gt", ["1"])] }), no],
    ["expressions of one term are ANDed", requiring({ matchExpressions: [expr("zone", "In", ["a"]), expr("disk", "In", ["hdd"])] }), no],
    ["terms are ORed", requiring({ matchExpressions: [expr("zone", "In", ["b"])] }, { matchExpressions: [expr("disk", "In", ["ssd"])] }), yes],
    ["an empty term matches nothing", requiring({}), no],
    ["matchFields metadata.name In the node's name fits", requiring({ matchFields: [expr("metadata.name", "In", ["n1"])] }), yes],
    ["matchFields metadata.name In another name does not fit", requiring({ matchFields: [expr("metadata.name", "In", ["n2"])] }), no],
    ["matchFields metadata.name NotIn another name fits", requiring({ matchFields: [expr("metadata.name", "NotIn", ["n2"])] }), yes],
    ["an unknown operator matches nothing", requiring({ matchExpressions: [expr("zone", "Near", ["a"])] }), no],
    [
      "nodeSelector and affinity must both allow the node",
      makePod("p", { spec: { nodeSelector: { zone: "b" }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr("zone", "Exists")] }] } } } } }),
      no,
    ],
  ] as const)("%s", (_name, pod, want) => {
    expect(runFilter(nodeAffinity, pod, { labels })).toEqual(want);
  });
});
