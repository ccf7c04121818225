import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import type { RuntimeContainerStatus, RuntimePodStatus } from "../runtime/types.ts";
import { containerEvents, containerFieldPath } from "./events.ts";

const pod: Pod = { metadata: { name: "p", namespace: "ns", uid: "u1" } };
const view = (c: Partial<RuntimeContainerStatus>): RuntimePodStatus => ({
  uid: "u1", namespace: "ns", name: "p", createdAt: 0, initContainers: [],
  containers: [{ name: "c", image: "busybox", imageID: "", containerID: "runc://1", current: { state: "running", startedAt: 100 }, restartCount: 0, ...c }],
});
const text = (es: { reason: string; message: string }[]) => es.map((e) => `${e.reason}: ${e.message}`);

describe("kubelet container events", () => {
  test("a new run is Created and Started once; an old run adopted after a restart is not announced", () => {
    const waiting = view({ current: { state: "waiting", reason: "ContainerCreating" } });
    expect(text(containerEvents(pod, waiting, view({}), 0))).toEqual(["Created: Created container c", "Started: Started container c"]);
    expect(containerEvents(pod, view({}), view({}), 0)).toEqual([]);
    expect(containerEvents(pod, undefined, view({}), 500)).toEqual([]);
  });

  test("a crash loop is BackOff with upstream's wording; pull errors are left to the runtime's reports", () => {
    const crash = view({ current: { state: "waiting", reason: "CrashLoopBackOff" }, restartCount: 1 });
    expect(text(containerEvents(pod, view({}), crash, 0))).toEqual(["BackOff: Back-off restarting failed container c in pod p_ns(u1)"]);
    expect(containerEvents(pod, crash, crash, 0)).toEqual([]);
    const pull = view({ current: { state: "waiting", reason: "ErrImagePull", message: "not found" } });
    expect(containerEvents(pod, undefined, pull, 0)).toEqual([]);
    expect(containerEvents(pod, pull, view({ current: { state: "waiting", reason: "ImagePullBackOff" } }), 0)).toEqual([]);
  });

  test("events name their container as upstream's fieldPath", () => {
    const waiting = view({ current: { state: "waiting", reason: "ContainerCreating" } });
    expect(containerEvents(pod, waiting, view({}), 0).map((e) => e.container)).toEqual(["c", "c"]);
    const withInit: Pod = { ...pod, spec: { initContainers: [{ name: "setup" }], containers: [{ name: "c" }] } };
    expect(containerFieldPath(withInit, "setup")).toBe("spec.initContainers{setup}");
    expect(containerFieldPath(withInit, "c")).toBe("spec.containers{c}");
  });
});
