import { describe, expect, test } from "bun:test";
import { makePod, runFilter } from "../testing.ts";
import { nodeUnschedulable } from "./unschedulable.ts";

describe("nodeUnschedulable", () => {
  test.each([
    ["a schedulable node takes the pod", {}, makePod("p"), { ok: true }],
    ["a cordoned node refuses the pod", { unschedulable: true }, makePod("p"), { ok: false, reason: "node(s) were unschedulable" }],
    [
      "a cordoned node takes a pod tolerating the unschedulable taint",
      { unschedulable: true },
      makePod("p", { spec: { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] } }),
      { ok: true },
    ],
  ] as const)("%s", (_name, node, pod, want) => {
    expect(runFilter(nodeUnschedulable, pod, node)).toEqual(want);
  });
});
