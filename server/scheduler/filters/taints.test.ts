import { describe, expect, test } from "bun:test";
import type { Taint, Toleration } from "kubernetes-types/core/v1";
import { makePod, runFilter } from "../testing.ts";
import { taintToleration } from "./taints.ts";

const tol = (tolerations: Toleration[]) => makePod("p", { spec: { tolerations } });
const cp: Taint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

describe("taintToleration", () => {
  const untolerated = (t: string) => ({ ok: false, reason: `node(s) had untolerated taint ${t}` });
  test.each([
    ["a node without taints takes any pod", [], [], { ok: true }],
    ["an untolerated NoSchedule taint refuses the pod", [cp], [], untolerated("{node-role.kubernetes.io/control-plane: }")],
    ["an untolerated NoExecute taint refuses the pod", [{ key: "k", value: "v", effect: "NoExecute" }], [], untolerated("{k: v}")],
    ["a PreferNoSchedule taint does not filter", [{ key: "k", effect: "PreferNoSchedule" }], [], { ok: true }],
    ["Exists on the key tolerates any value", [{ key: "k", value: "v", effect: "NoSchedule" }], [{ key: "k", operator: "Exists" }], { ok: true }],
    ["Equal needs the same value", [{ key: "k", value: "v", effect: "NoSchedule" }], [{ key: "k", value: "w" }], untolerated("{k: v}")],
    ["Equal with the same value tolerates", [{ key: "k", value: "v", effect: "NoSchedule" }], [{ key: "k", operator: "Equal", value: "v" }], { ok: true }],
    ["a toleration for another effect does not help", [{ key: "k", effect: "NoSchedule" }], [{ key: "k", operator: "Exists", effect: "NoExecute" }], untolerated("{k: }")],
    ["an empty key with Exists tolerates everything", [cp, { key: "x", effect: "NoExecute" }], [{ operator: "Exists" }], { ok: true }],
    ["the first untolerated taint is the reason", [{ key: "a", effect: "NoSchedule" }, cp], [{ key: "a", operator: "Exists" }], untolerated("{node-role.kubernetes.io/control-plane: }")],
  ] as [string, Taint[], Toleration[], unknown][])("%s", (_name, taints, tolerations, want) => {
    expect(runFilter(taintToleration, tol(tolerations), { taints })).toEqual(want as never);
  });
});
