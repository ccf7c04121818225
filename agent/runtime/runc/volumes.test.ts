import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runcHarness, shPod, SLEEP_FOREVER, waitUntil, type RuncHarness } from "./testing.ts";

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

async function output(pod: ReturnType<typeof shPod>): Promise<string> {
  const uid = pod.metadata!.uid!;
  await h.runtime.createPod(pod);
  await waitUntil(async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "terminated", "the container to exit");
  let out = "";
  for await (const chunk of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(chunk);
  return out;
}

describe("runc volumes and security context", () => {
  test("hostPath binds a host dir, a Memory emptyDir is a tmpfs, a read-only rootfs refuses writes", async () => {
    const host = join(h.dir, "host-data");
    mkdirSync(host);
    writeFileSync(join(host, "greeting"), "from the host\n");
    const pod = shPod("vols", "cat /host/greeting; grep ' /mem ' /proc/mounts | cut -d' ' -f3; touch /mem/ok && echo mem-writable; touch /rootfile 2>/dev/null || echo rootfs-read-only", { restartPolicy: "Never", volumes: [{ name: "host", hostPath: { path: host } }, { name: "mem", emptyDir: { medium: "Memory" } }] }, {
      volumeMounts: [{ name: "host", mountPath: "/host", readOnly: true }, { name: "mem", mountPath: "/mem" }],
      securityContext: { readOnlyRootFilesystem: true },
    });
    expect(await output(pod)).toBe("from the host\ntmpfs\nmem-writable\nrootfs-read-only\n");
  });

  test("dropped capabilities are gone from the container's process", async () => {
    const pod = shPod("caps", "grep CapEff /proc/self/status", { restartPolicy: "Never" }, { securityContext: { capabilities: { drop: ["ALL"], add: ["KILL"] } } });
    expect(await output(pod)).toBe("CapEff:\t0000000000000020\n");
  });

  test("two runtimes with their own data dirs and cgroup parents leave each other's pods alone", async () => {
    const pod = shPod("mine", SLEEP_FOREVER);
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "running", "the container to run");
    const other = await runcHarness();
    try {
      expect(await other.runtime.listPods()).toEqual([]);
      expect(await other.runtime.runc.list()).toEqual([]);
    } finally {
      await other.close();
    }
    expect((await h.runtime.podStatus(uid))!.containers[0]!.current.state).toBe("running");
    expect((await h.runtime.runc.list()).map((s) => s.status)).toEqual(["running"]);
  });

  test("fsGroup owns emptyDir volumes, setgid so new files get the group; runAsNonRoot refuses a root user", async () => {
    const pod = shPod("fsgroup", "touch /data/new; stat -c '%g %A' /data /data/new; id -G", { restartPolicy: "Never", securityContext: { fsGroup: 1234, runAsUser: 1000 }, volumes: [{ name: "data", emptyDir: {} }] }, { volumeMounts: [{ name: "data", mountPath: "/data" }] });
    expect(await output(pod)).toBe("1234 drwxrwsr-x\n1234 -rw-r--r--\n0 1234\n");
    const root = shPod("nonroot", "true", { securityContext: { runAsNonRoot: true } });
    const uid = root.metadata!.uid!;
    await h.runtime.createPod(root);
    await waitUntil(async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "waiting" && ((await h.runtime.podStatus(uid))!.containers[0]!.current as { reason: string }).reason === "CreateContainerConfigError", "the runAsNonRoot refusal");
    expect((await h.runtime.podStatus(uid))!.containers[0]!.current).toMatchObject({ message: "container has runAsNonRoot and image will run as root" });
  });
});
