import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import type { RuntimeContainerStatus, RuntimePodStatus } from "../../runtime/types.ts";
import { testPod } from "../../runtime/sim/testing.ts";
import { computePodStatus } from "./pod-status.ts";
import { podPhase } from "./phase.ts";
import { qosClass } from "./qos.ts";
import { containerStatuses } from "./containers.ts";

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const ctx = { now: T0 + 5000, hostIP: "172.30.0.1" };

function rtPod(pod: Pod, containers: Partial<RuntimeContainerStatus>[], init: Partial<RuntimeContainerStatus>[] = []): RuntimePodStatus {
  const full = (c: Partial<RuntimeContainerStatus>, i: number, specs: { name: string; image?: string }[]): RuntimeContainerStatus => ({
    name: specs[i]!.name,
    image: specs[i]!.image ?? "",
    imageID: "docker.io/library/busybox@sha256:ab",
    containerID: "sim://c1",
    current: { state: "running", startedAt: T0 + 1000 },
    restartCount: 0,
    ...c,
  });
  return {
    uid: pod.metadata!.uid!,
    namespace: "default",
    name: pod.metadata!.name!,
    createdAt: T0,
    ip: "10.42.0.5",
    containers: containers.map((c, i) => full(c, i, pod.spec!.containers)),
    initContainers: init.map((c, i) => full(c, i, pod.spec!.initContainers ?? [])),
  };
}

const cond = (s: { conditions?: readonly { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] }, type: string) => s.conditions?.find((c) => c.type === type);

describe("pod status", () => {
  test("a pod with running containers is Running and Ready, with IPs, times and container details", () => {
    const pod = testPod("web");
    const s = computePodStatus(pod, rtPod(pod, [{}]), ctx);
    expect(s.phase).toBe("Running");
    expect(s.podIP).toBe("10.42.0.5");
    expect(s.podIPs).toEqual([{ ip: "10.42.0.5" }]);
    expect(s.hostIP).toBe("172.30.0.1");
    expect(s.hostIPs).toEqual([{ ip: "172.30.0.1" }]);
    expect(s.startTime).toBe("2026-11-22T00:00:05Z");
    expect(s.qosClass).toBe("BestEffort");
    expect(s.containerStatuses).toEqual([
      { name: "main", state: { running: { startedAt: "2026-11-22T00:00:01Z" } }, lastState: {}, ready: true, restartCount: 0, image: "busybox:1.36", imageID: "docker.io/library/busybox@sha256:ab", containerID: "sim://c1", started: true },
    ]);
    expect(s.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"]);
    expect(s.conditions!.every((c) => c.lastTransitionTime === "2026-11-22T00:00:05Z")).toBe(true);
  });

  test("a pod the runtime does not hold yet is Pending with its containers ContainerCreating", () => {
    const pod = testPod("new");
    const s = computePodStatus(pod, undefined, ctx);
    expect(s.phase).toBe("Pending");
    expect(s.podIP).toBeUndefined();
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(cond(s, "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [main]" });
    expect(cond(s, "PodReadyToStartContainers")!.status).toBe("False");
  });

  test("a condition whose status did not change keeps its lastTransitionTime", () => {
    const pod = testPod("web");
    const first = computePodStatus(pod, rtPod(pod, [{}]), ctx);
    const again = computePodStatus({ ...pod, status: first }, rtPod(pod, [{}]), { ...ctx, now: ctx.now + 60_000 });
    expect(again).toEqual(first);
    const stopped = computePodStatus({ ...pod, status: first }, rtPod(pod, [{ current: { state: "waiting", reason: "ContainerCreating" } }]), { ...ctx, now: ctx.now + 60_000 });
    expect(cond(stopped, "Ready")!.lastTransitionTime).toBe("2026-11-22T00:01:05Z");
    expect(cond(stopped, "PodScheduled")!.lastTransitionTime).toBe("2026-11-22T00:00:05Z");
  });

  test("a completed run-to-completion pod is Succeeded with PodCompleted conditions", () => {
    const pod = testPod("job", { restartPolicy: "Never" });
    const s = computePodStatus(pod, rtPod(pod, [{ current: { state: "terminated", exitCode: 0, reason: "Completed", startedAt: T0 + 1000, finishedAt: T0 + 2000, containerID: "sim://c1" } }]), ctx);
    expect(s.phase).toBe("Succeeded");
    expect(s.containerStatuses![0]).toMatchObject({ ready: false, started: false, state: { terminated: { exitCode: 0, reason: "Completed", startedAt: "2026-11-22T00:00:01Z", finishedAt: "2026-11-22T00:00:02Z", containerID: "sim://c1" } } });
    expect(cond(s, "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
    expect(cond(s, "ContainersReady")).toMatchObject({ status: "False", reason: "PodCompleted" });
  });

  test("a failed container is Failed under Never, Running (restarting) under OnFailure and Always", () => {
    const failed = { current: { state: "terminated" as const, exitCode: 1, reason: "Error", startedAt: T0, finishedAt: T0 + 1, containerID: "sim://x" } };
    for (const [policy, phase] of [["Never", "Failed"], ["OnFailure", "Running"], ["Always", "Running"]] as const) {
      const pod = testPod("p", { restartPolicy: policy });
      expect(computePodStatus(pod, rtPod(pod, [failed]), ctx).phase).toBe(phase);
    }
  });

  test("a terminal phase never changes back", () => {
    const pod = { ...testPod("done", { restartPolicy: "Never" }), status: { phase: "Succeeded" } };
    expect(podPhase(pod, [], [])).toBe("Succeeded");
  });

  test("a container in back-off shows its last state and restart count, and the pod stays Running", () => {
    const pod = testPod("crash");
    const last = { exitCode: 2, reason: "Error", startedAt: T0, finishedAt: T0 + 1000, containerID: "sim://old" };
    const s = computePodStatus(pod, rtPod(pod, [{ current: { state: "waiting", reason: "CrashLoopBackOff", message: "back-off 10s" }, last, restartCount: 3 }]), ctx);
    expect(s.phase).toBe("Running");
    expect(s.containerStatuses![0]).toMatchObject({
      state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 10s" } },
      lastState: { terminated: { exitCode: 2, reason: "Error", containerID: "sim://old" } },
      restartCount: 3,
      ready: false,
    });
  });

  test("init containers keep the pod Pending and not Initialized until they all succeeded", () => {
    const pod = testPod("init", { initContainers: [{ name: "a", image: "busybox" }, { name: "b", image: "busybox" }] });
    const doneInit = { current: { state: "terminated" as const, exitCode: 0, reason: "Completed", startedAt: T0, finishedAt: T0, containerID: "sim://i" } };
    const s = computePodStatus(pod, rtPod(pod, [{ current: { state: "waiting", reason: "PodInitializing" } }], [doneInit, { current: { state: "running", startedAt: T0 } }]), ctx);
    expect(s.phase).toBe("Pending");
    expect(cond(s, "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [b]" });
    expect(s.initContainerStatuses!.map((c) => c.name)).toEqual(["a", "b"]);
    const ready = computePodStatus(pod, rtPod(pod, [{}], [doneInit, doneInit]), ctx);
    expect(ready.phase).toBe("Running");
    expect(cond(ready, "Initialized")!.status).toBe("True");
  });

  test("containers not yet started behind init containers wait with PodInitializing; statuses are sorted by name", () => {
    const pod = testPod("multi", { initContainers: [{ name: "setup", image: "busybox" }], containers: [{ name: "zeta", image: "a" }, { name: "alpha", image: "b" }] });
    const { containerStatuses: cs, initContainerStatuses: is } = containerStatuses(pod, undefined);
    expect(cs.map((c) => c.name)).toEqual(["alpha", "zeta"]);
    expect(cs[0]!.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(is[0]!.state).toEqual({ waiting: { reason: "ContainerCreating" } });
  });

  test("readiness gates hold Ready until their condition is True", () => {
    const pod: Pod = { ...testPod("gated", { readinessGates: [{ conditionType: "example.com/lb" }] }) };
    const s = computePodStatus(pod, rtPod(pod, [{}]), ctx);
    expect(cond(s, "ContainersReady")!.status).toBe("True");
    expect(cond(s, "Ready")).toMatchObject({ status: "False", reason: "ReadinessGatesNotReady", message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    const withGate = { ...pod, status: { conditions: [{ type: "example.com/lb", status: "True" }] } };
    const s2 = computePodStatus(withGate, rtPod(pod, [{}]), ctx);
    expect(cond(s2, "Ready")!.status).toBe("True");
    expect(cond(s2, "example.com/lb")!.status).toBe("True");
  });

  test("QoS class follows requests and limits", () => {
    const res = (requests?: Record<string, string>, limits?: Record<string, string>) => testPod("q", { containers: [{ name: "c", image: "x", resources: { requests, limits } }] });
    expect(qosClass(res())).toBe("BestEffort");
    expect(qosClass(res({ cpu: "100m" }))).toBe("Burstable");
    expect(qosClass(res({ cpu: "1", memory: "1Gi" }, { cpu: "1000m", memory: "1024Mi" }))).toBe("Guaranteed");
    expect(qosClass(res({ cpu: "500m", memory: "1Gi" }, { cpu: "1", memory: "1Gi" }))).toBe("Burstable");
    expect(qosClass(res(undefined, { cpu: "1", memory: "1Gi" }))).toBe("Burstable"); // the API defaults requests to limits
  });
});
