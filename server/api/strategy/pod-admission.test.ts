import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { defaultPod } from "./pod-admission.ts";
import { strategiesWith } from "./index.ts";

const pod = (): Pod => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
const seconds = (p: Pod) => Object.fromEntries((p.spec?.tolerations ?? []).map((t) => [t.key, t.tolerationSeconds]));

describe("default tolerations (DefaultTolerationSeconds)", () => {
  test("without server options a pod tolerates not-ready and unreachable nodes for 300 s", () => {
    const p = pod();
    defaultPod(p);
    expect(seconds(p)).toEqual({ "node.kubernetes.io/not-ready": 300, "node.kubernetes.io/unreachable": 300 });
  });

  test("the server's --default-*-toleration-seconds set how long", () => {
    const p = pod();
    defaultPod(p, { notReadyTolerationSeconds: 30, unreachableTolerationSeconds: 5 });
    expect(seconds(p)).toEqual({ "node.kubernetes.io/not-ready": 30, "node.kubernetes.io/unreachable": 5 });
  });

  test("the strategy table built with pod options applies them on create", () => {
    const p = pod();
    strategiesWith({ pods: { unreachableTolerationSeconds: 7 } })["/Pod"].defaults!(p as never);
    expect(seconds(p)["node.kubernetes.io/unreachable"]).toBe(7);
  });

  test("a pod's own toleration for the key is kept as it is", () => {
    const p = pod();
    p.spec!.tolerations = [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 2 }];
    defaultPod(p, { unreachableTolerationSeconds: 5 });
    expect(seconds(p)["node.kubernetes.io/unreachable"]).toBe(2);
  });
});
