import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { controllerKey, isPodActive, isPodAvailable, isPodReady, isPodTerminating, removalOrder } from "./pod-state.ts";

const pod = (name: string, status: Pod["status"] = {}, extra: Partial<Pod["spec"]> = {}, meta: Pod["metadata"] = {}): Pod => ({
  metadata: { name, creationTimestamp: "2025-01-01T00:00:00Z", ...meta },
  spec: { containers: [], ...extra },
  status,
});
const ready = (since = "2025-01-01T00:00:00Z") => ({ phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: since }] });

describe("pod state", () => {
  test("ready and available honour minReadySeconds strictly", () => {
    const p = pod("a", ready("2025-01-01T00:00:00Z"));
    const t0 = Date.parse("2025-01-01T00:00:00Z");
    expect(isPodReady(p)).toBe(true);
    expect(isPodAvailable(p, 0, t0)).toBe(true);
    expect(isPodAvailable(p, 5, t0 + 5000)).toBe(false);
    expect(isPodAvailable(p, 5, t0 + 5001)).toBe(true);
    expect(isPodReady(pod("b", { phase: "Running" }))).toBe(false);
  });

  test("active excludes finished and deleting pods; terminating is deleting but unfinished", () => {
    expect(isPodActive(pod("a", { phase: "Running" }))).toBe(true);
    expect(isPodActive(pod("a", { phase: "Succeeded" }))).toBe(false);
    const deleting = pod("a", { phase: "Running" }, {}, { deletionTimestamp: "2025-01-01T00:00:00Z" });
    expect(isPodActive(deleting)).toBe(false);
    expect(isPodTerminating(deleting)).toBe(true);
    expect(isPodTerminating(pod("a", { phase: "Failed" }, {}, { deletionTimestamp: "2025-01-01T00:00:00Z" }))).toBe(false);
  });

  test("removal prefers unassigned, then pending, then not ready pods", () => {
    const pods = [
      pod("ready", ready(), { nodeName: "n" }),
      pod("pending-on-node", { phase: "Pending" }, { nodeName: "n" }),
      pod("unassigned", { phase: "Pending" }),
      pod("running-not-ready", { phase: "Running" }, { nodeName: "n" }),
    ];
    expect(pods.sort(removalOrder).map((p) => p.metadata!.name)).toEqual(["unassigned", "pending-on-node", "running-not-ready", "ready"]);
  });

  test("controllerKey is the namespace/name of a controller of the asked kind, and nothing for other owners", () => {
    const owned = (refs: object[]) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns", uid: "u", resourceVersion: "1", ownerReferences: refs } }) as never;
    const ds = { apiVersion: "apps/v1", kind: "DaemonSet", name: "d", uid: "1" };
    expect(controllerKey(owned([{ ...ds, controller: true }]), "DaemonSet")).toBe("ns/d");
    expect(controllerKey(owned([{ ...ds, controller: true }]), "StatefulSet")).toBeUndefined();
    expect(controllerKey(owned([ds]), "DaemonSet")).toBeUndefined();
    expect(controllerKey(owned([]), "DaemonSet")).toBeUndefined();
  });
});
