import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cgroupDirs, containerCgroup, podCgroup } from "./cgroups.ts";
import { mountsUnder } from "./sandbox.ts";
import { runcHarness, shPod, SLEEP_FOREVER, waitUntil, type RuncHarness } from "./testing.ts";
import type { RuncRuntime } from "./runtime.ts";

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

const current = async (rt: RuncRuntime, uid: string, i = 0) => (await rt.podStatus(uid))?.containers[i]?.current;
const running = (rt: RuncRuntime, uid: string) => waitUntil(async () => (await current(rt, uid))?.state === "running", "the container to run");
const pidOf = (uid: string, name = "main") => Number(readFileSync(join(h.opts.dataDir, "agent/pods", uid, "containers", name, "pid"), "utf8"));

async function logText(uid: string): Promise<string> {
  let out = "";
  for await (const chunk of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(chunk);
  return out;
}

describe("runc pod lifecycle", () => {
  test("memory and CPU limits appear in the container's cgroup, seen from inside and from the host", async () => {
    const pod = shPod("limited", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; sleep 3600", {}, {
      resources: { limits: { memory: "64Mi", cpu: "500m" }, requests: { cpu: "250m" } },
    });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(h.runtime, uid);
    await waitUntil(async () => (await logText(uid)).includes("\n"), "the limit in the log");
    expect((await logText(uid)).trim()).toBe(String(64 * 1024 * 1024));
    const dirs = cgroupDirs(containerCgroup(h.opts.cgroupParent!, uid, "main"));
    const read = (file: string) => dirs.map((d) => join(d, file)).filter(existsSync).map((f) => readFileSync(f, "utf8").trim());
    const v1 = read("cpu.cfs_quota_us");
    if (v1.length) {
      expect(v1).toEqual(["50000"]);
      expect(read("cpu.shares")).toEqual(["256"]);
    } else expect(read("cpu.max")).toEqual(["50000 100000"]);
  });

  test("a container killed by the kernel for passing its memory limit is reported OOMKilled", async () => {
    const pod = shPod("hungry", "tail /dev/zero", { restartPolicy: "Never" }, { resources: { limits: { memory: "32Mi" } } });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await current(h.runtime, uid))?.state === "terminated", "the OOM kill", 20_000);
    expect(await current(h.runtime, uid)).toMatchObject({ state: "terminated", exitCode: 137, reason: "OOMKilled" });
  });

  test("deleting a pod leaves no process, mount, cgroup, runc container or file behind", async () => {
    const pod = shPod("tidy", SLEEP_FOREVER, { volumes: [{ name: "mem", emptyDir: { medium: "Memory" } }] }, { volumeMounts: [{ name: "mem", mountPath: "/mem" }] });
    pod.spec!.containers.push({ name: "other", image: "busybox", command: SLEEP_FOREVER });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(h.runtime, uid);
    await waitUntil(async () => (await current(h.runtime, uid, 1))?.state === "running", "the second container to run");
    const pids = [pidOf(uid), pidOf(uid, "other")];
    const podDir = join(h.opts.dataDir, "agent/pods", uid);
    expect(mountsUnder(podDir).length).toBeGreaterThan(3);
    await h.runtime.deletePod(uid, { gracePeriodSeconds: 2 });
    for (const pid of pids) expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(mountsUnder(podDir)).toEqual([]);
    expect(cgroupDirs(podCgroup(h.opts.cgroupParent!, uid)).filter(existsSync)).toEqual([]);
    expect(await h.runtime.runc.list()).toEqual([]);
    expect(existsSync(podDir)).toBe(false);
  });

  test("a new runtime on the same dirs adopts a running pod without restarting it, and can stop it", async () => {
    const pod = shPod("kept", SLEEP_FOREVER);
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(h.runtime, uid);
    const before = (await h.runtime.podStatus(uid))!.containers[0]!;
    const pid = pidOf(uid);
    await h.runtime.close();
    const stray = join(h.opts.dataDir, "agent/pods", "stray-uid");
    mkdirSync(join(stray, "containers"), { recursive: true });

    const rt = await h.reopen();
    expect(await rt.listPods()).toEqual([{ uid, namespace: "default", name: "kept" }]);
    expect(existsSync(stray)).toBe(false);
    const after = (await rt.podStatus(uid))!.containers[0]!;
    expect(after).toEqual(before);
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    await rt.stopPod(uid, { gracePeriodSeconds: 2 });
    // exit 0 from the shell's trap, or 137 when SIGTERM came before the trap was set
    expect(await current(rt, uid)).toMatchObject({ state: "terminated", containerID: before.containerID });
    expect((await rt.podStatus(uid))!.containers[0]!.restartCount).toBe(0);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });

  test("an adopted container that exits is seen, and restarted per its restartPolicy", async () => {
    const pod = shPod("later", "sleep 0.7; exit 4");
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(h.runtime, uid);
    await h.runtime.close();
    const rt = await h.reopen();
    await waitUntil(async () => (await rt.podStatus(uid))!.containers[0]!.restartCount >= 1, "a restart by the new runtime");
    expect((await rt.podStatus(uid))!.containers[0]!.last).toMatchObject({ exitCode: 4, reason: "Error" });
  });

  test("a stopped pod stays stopped in a new runtime; a crash-looping one goes on backing off and restarting", async () => {
    const stopped = shPod("stopped", SLEEP_FOREVER);
    const crashing = shPod("crashing", "exit 1");
    await h.runtime.createPod(stopped);
    await h.runtime.createPod(crashing);
    await running(h.runtime, stopped.metadata!.uid!);
    await h.runtime.stopPod(stopped.metadata!.uid!, { gracePeriodSeconds: 2 });
    await waitUntil(async () => (await h.runtime.podStatus(crashing.metadata!.uid!))!.containers[0]!.restartCount >= 1, "a first restart");
    await h.runtime.close();
    const rt = await h.reopen();
    const before = (await rt.podStatus(crashing.metadata!.uid!))!.containers[0]!.restartCount;
    await waitUntil(async () => (await rt.podStatus(crashing.metadata!.uid!))!.containers[0]!.restartCount > before, "a restart by the new runtime");
    expect(await current(rt, stopped.metadata!.uid!)).toMatchObject({ state: "terminated" });
    expect((await rt.podStatus(stopped.metadata!.uid!))!.containers[0]!.restartCount).toBe(0);
  });
});
