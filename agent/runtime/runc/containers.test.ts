import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { RuntimePodStatus } from "../types.ts";
import { runcHarness, shPod, SLEEP_FOREVER, waitUntil, type RuncHarness } from "./testing.ts";

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

const status = async (uid: string) => (await h.runtime.podStatus(uid))!;
const main = (s: RuntimePodStatus) => s.containers[0]!;

async function logText(uid: string, container = "main", opts = {}): Promise<string> {
  let out = "";
  for await (const chunk of h.runtime.logs(uid, container, opts)) out += new TextDecoder().decode(chunk);
  return out;
}

async function finished(uid: string, i = 0) {
  await waitUntil(async () => (await status(uid)).containers[i]!.current.state === "terminated", "the container to exit");
  return (await status(uid)).containers[i]!.current;
}

describe("runc containers", () => {
  test("a container's stdout and stderr land in its log file, read back by logs()", async () => {
    const pod = shPod("talk", "echo hello; echo oops >&2", { restartPolicy: "Never" });
    pod.spec!.containers.push({ name: "count", image: "busybox", command: ["sh", "-c", "echo one; echo two; echo three"] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await finished(uid);
    await finished(uid, 1);
    const text = await logText(uid);
    expect(text).toContain("hello\n");
    expect(text).toContain("oops\n");
    expect(await Bun.file(`${h.opts.dataDir}/agent/pods/${uid}/logs/main/0.log`).text()).toContain("hello\n");
    expect(await logText(uid, "count", { tailLines: 2 })).toBe("two\nthree\n");
    expect(await logText(uid, "count", { timestamps: true })).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z one\n\S+ two\n\S+ three\n$/);
  });

  test("a failing container reports its exit code with reason Error", async () => {
    const pod = shPod("fail", "exit 3", { restartPolicy: "Never" });
    await h.runtime.createPod(pod);
    expect(await finished(pod.metadata!.uid!)).toMatchObject({ state: "terminated", exitCode: 3, reason: "Error" });
  });

  test("restartPolicy Always restarts a crashing container after a back-off, keeping the last state", async () => {
    const pod = shPod("crash", "echo run; exit 2");
    const uid = pod.metadata!.uid!;
    const seen = new Set<string>();
    h.runtime.onEvent(async () => {
      const c = (await h.runtime.podStatus(uid))?.containers[0];
      if (c?.current.state === "waiting") seen.add(c.current.reason);
    });
    await h.runtime.createPod(pod);
    await waitUntil(async () => main(await status(uid)).restartCount >= 2, "two restarts");
    const c = main(await status(uid));
    expect(c.last).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(c.last!.containerID).toMatch(/-main-[12]$/);
    expect(seen.has("CrashLoopBackOff")).toBe(true);
    const logs = await Array.fromAsync(h.runtime.logs(uid, "main", { previous: true }));
    expect(new TextDecoder().decode(logs[0])).toBe("run\n");
  });

  test("init containers run in order before the app containers, which see their work", async () => {
    const pod = shPod("init", "cat /work/order", { restartPolicy: "Never", volumes: [{ name: "work", emptyDir: {} }] }, { volumeMounts: [{ name: "work", mountPath: "/work" }] });
    const mount = [{ name: "work", mountPath: "/work" }];
    pod.spec!.initContainers = [
      { name: "one", image: "busybox", command: ["sh", "-c", "echo one >> /work/order"], volumeMounts: mount },
      { name: "two", image: "busybox", command: ["sh", "-c", "echo two >> /work/order"], volumeMounts: mount },
    ];
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    expect(await finished(uid)).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect((await status(uid)).initContainers.map((c) => c.current.state)).toEqual(["terminated", "terminated"]);
    expect(await logText(uid)).toBe("one\ntwo\n");
  });

  test("env has the image's, the container's values and fieldRefs; args come from command and args", async () => {
    const pod = shPod("envy", ["sh", "-c"], { restartPolicy: "Never" }, {
      args: ['echo "$GREETING $POD_NAME $POD_NS $(GREETING)" && echo "$PATH" && id -u && pwd'],
      workingDir: "/tmp",
      securityContext: { runAsUser: 65534 },
      env: [
        { name: "GREETING", value: "hi" },
        { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "POD_NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      ],
    });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    expect(await finished(uid)).toMatchObject({ exitCode: 0 });
    expect(await logText(uid)).toBe("hi envy default hi\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n65534\n/tmp\n");
  });

  test("two containers of a pod share its network, IPC and UTS namespaces, with the pod's name as hostname", async () => {
    const script = "hostname; for n in net ipc uts; do readlink /proc/self/ns/$n; done; readlink /proc/self/ns/mnt";
    const pod = shPod("pair", script, { restartPolicy: "Never" });
    pod.spec!.containers.push({ name: "second", image: "busybox", command: ["sh", "-c", script] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await finished(uid, 0);
    await finished(uid, 1);
    const [a, b] = [await logText(uid, "main"), await logText(uid, "second")];
    const shared = (s: string) => s.split("\n").filter((l) => !l.startsWith("mnt:")).join("\n");
    expect(a.split("\n")[0]).toBe("pair");
    expect(shared(a)).toBe(shared(b));
    expect(a).toContain("net:[");
    const mnt = (s: string) => s.split("\n").find((l) => l.startsWith("mnt:"));
    expect(mnt(a)).not.toBe(mnt(b));
    const hostNet = (await Bun.$`readlink /proc/self/ns/net`.text()).trim();
    expect(a).not.toContain(hostNet);
  });

  test("exec runs a command in a running container with stdin, output and its exit code", async () => {
    const pod = shPod("exec", SLEEP_FOREVER);
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => main(await status(uid)).current.state === "running", "the container to run");
    const p = h.runtime.exec(uid, "main", ["sh", "-c", "read x; echo got $x; hostname; exit 3"], { stdin: true });
    const w = p.stdin!.getWriter();
    await w.write(new TextEncoder().encode("ping\n"));
    await w.close();
    const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exit]);
    expect(out).toBe("got ping\nexec\n");
    expect(code).toBe(3);
    expect(() => h.runtime.exec(uid, "nope", ["true"])).toThrow("container nope is not running");
  });
});
