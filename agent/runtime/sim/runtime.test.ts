import { describe, expect, test } from "bun:test";
import { createIpam } from "../../network/ipam.ts";
import { describeRuntime } from "../runtime.case.ts";
import { repositoryOf } from "./runtime.ts";
import { advanceUntil, simHarness, testPod } from "./testing.ts";

describeRuntime("sim", () => simHarness());

describe("sim runtime", () => {
  test("containers start after the startup delay, jittered by the random source", async () => {
    const h = simHarness({ startupDelayMs: 200, jitter: 0.5, random: () => 0 });
    const pod = testPod("p");
    await h.runtime.createPod(pod);
    expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current).toEqual({ state: "waiting", reason: "ContainerCreating" });
    h.clock.advance(99);
    expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state).toBe("waiting");
    h.clock.advance(1);
    expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state).toBe("running");
  });

  test("a restartPolicy OnFailure pod completes after the completion time", async () => {
    const h = simHarness({ startupDelayMs: 100, jitter: 0, completionMs: 1000 });
    const pod = testPod("job", { restartPolicy: "OnFailure" });
    await h.runtime.createPod(pod);
    h.clock.advance(1099);
    expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state).toBe("running");
    h.clock.advance(1);
    const cur = (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current;
    expect(cur).toMatchObject({ state: "terminated", exitCode: 0, reason: "Completed" });
  });

  test("a failing container under restartPolicy Always backs off, then restarts with its last state kept", async () => {
    const h = simHarness({ startupDelayMs: 100, jitter: 0, restartBackoffMs: 1000 });
    const pod = testPod("crash", {}, { "sim.kubun.io/run-duration": "500ms", "sim.kubun.io/exit-code": "2" });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    h.clock.advance(600);
    let c = (await h.runtime.podStatus(uid))!.containers[0]!;
    expect(c.current).toMatchObject({ state: "waiting", reason: "CrashLoopBackOff" });
    expect(c.last).toMatchObject({ exitCode: 2, reason: "Error" });
    const firstID = c.last!.containerID;
    h.clock.advance(1000);
    c = (await h.runtime.podStatus(uid))!.containers[0]!;
    expect(c.current.state).toBe("running");
    expect(c.restartCount).toBe(1);
    expect(c.containerID).not.toBe(firstID);
    h.clock.advance(500 + 2000); // second back-off doubles
    expect((await h.runtime.podStatus(uid))!.containers[0]!.restartCount).toBe(2);
  });

  test("init containers run one after another before the containers start", async () => {
    const h = simHarness({ startupDelayMs: 100, jitter: 0 });
    const pod = testPod("init", { initContainers: [{ name: "a", image: "busybox" }, { name: "b", image: "busybox" }] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    let st = (await h.runtime.podStatus(uid))!;
    expect(st.initContainers.map((c) => c.current.state === "waiting" && c.current.reason)).toEqual(["ContainerCreating", "PodInitializing"]);
    expect(st.containers[0]!.current).toEqual({ state: "waiting", reason: "PodInitializing" });
    h.clock.advance(100);
    st = (await h.runtime.podStatus(uid))!;
    expect(st.initContainers.map((c) => c.current.state)).toEqual(["terminated", "waiting"]);
    await advanceUntil(h.clock, async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "running", "the container to run");
    expect((await h.runtime.podStatus(uid))!.initContainers.map((c) => c.current.state)).toEqual(["terminated", "terminated"]);
  });

  test("the exit-code annotation fails the containers, never the init containers", async () => {
    const h = simHarness({ startupDelayMs: 100, jitter: 0, initRunMs: 10 });
    const pod = testPod("bad-init", { restartPolicy: "Never", initContainers: [{ name: "a", image: "busybox", restartPolicy: undefined }] }, { "sim.kubun.io/exit-code": "1" });
    await h.runtime.createPod(pod);
    h.clock.advance(10_000);
    const st = (await h.runtime.podStatus(pod.metadata!.uid!))!;
    expect(st.initContainers[0]!.current).toMatchObject({ state: "terminated", exitCode: 0 });
    expect(st.containers[0]!.current).toMatchObject({ state: "terminated", exitCode: 1, reason: "Error" });
  });

  test("pods get IPs from the IPAM, released when deleted", async () => {
    const ipam = createIpam("10.42.7.0/24");
    const h = simHarness({ ipam });
    const a = testPod("a");
    await h.runtime.createPod(a);
    expect((await h.runtime.podStatus(a.metadata!.uid!))!.ip).toBe("10.42.7.2");
    await h.runtime.deletePod(a.metadata!.uid!);
    expect(ipam.size).toBe(0);
  });

  test("a stopped pod's containers stay stopped while time passes", async () => {
    const h = simHarness({ startupDelayMs: 10, jitter: 0, restartBackoffMs: 100 });
    const pod = testPod("quiet");
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    h.clock.advance(10);
    await h.runtime.stopPod(uid);
    h.clock.advance(60_000);
    const c = (await h.runtime.podStatus(uid))!.containers[0]!;
    expect(c.current).toMatchObject({ state: "terminated", exitCode: 0, reason: "Completed" });
    expect(c.restartCount).toBe(0);
  });

  test("a stop delay keeps the pod until it passes; concurrent deletes share it", async () => {
    const h = simHarness({ stopDelayMs: 300 });
    const pod = testPod("slow-stop");
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    let done = 0;
    for (let i = 0; i < 2; i++) h.runtime.deletePod(uid).then(() => done++);
    h.clock.advance(299);
    await Bun.sleep(0);
    expect(done).toBe(0);
    expect(await h.runtime.podStatus(uid)).toBeDefined();
    h.clock.advance(1);
    await Bun.sleep(0);
    expect(done).toBe(2);
    expect(await h.runtime.podStatus(uid)).toBeUndefined();
  });

  test("image ids name the repository as a registry would", () => {
    expect(repositoryOf("nginx:1.14.2")).toBe("docker.io/library/nginx");
    expect(repositoryOf("bitnami/nginx")).toBe("docker.io/bitnami/nginx");
    expect(repositoryOf("localhost:5000/app:v1")).toBe("localhost:5000/app");
    expect(repositoryOf("ghcr.io/a/b")).toBe("ghcr.io/a/b");
  });
});
