import { describe, expect, test } from "bun:test";
import type { Toleration } from "kubernetes-types/core/v1";
import { makePod, runFilter, type NodeSpecOptions } from "../testing.ts";
import { nodeReady } from "./node-ready.ts";

const tol = (tolerations: Toleration[]) => makePod("p", { spec: { tolerations } });

describe("nodeReady", () => {
  const notReady = { ok: false, reason: "node(s) had untolerated taint {node.kubernetes.io/not-ready: }" };
  test.each([
    ["a Ready node takes the pod", { ready: "True" }, makePod("p"), { ok: true }],
    ["a NotReady node refuses the pod with the not-ready taint's reason", { ready: "False" }, makePod("p"), notReady],
    ["a node without a Ready condition is not ready", { ready: null }, makePod("p"), notReady],
    ["a node in Unknown state reads as unreachable", { ready: "Unknown" }, makePod("p"), { ok: false, reason: "node(s) had untolerated taint {node.kubernetes.io/unreachable: }" }],
    [
      "the default NoExecute tolerations do not let a pod onto a NotReady node",
      { ready: "False" },
      tol([{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }]),
      notReady,
    ],
    ["a pod tolerating not-ready NoSchedule may go there", { ready: "False" }, tol([{ key: "node.kubernetes.io/not-ready", operator: "Exists" }]), { ok: true }],
  ] as const)("%s", (_name, node, pod, want) => {
    expect(runFilter(nodeReady, pod, node as NodeSpecOptions)).toEqual(want);
  });
});
