// The pods the seeds' readers wrote, run for real: `kubun server` with its local agent (runc, the
// bridge network, busybox from the loopback registry) driven by the real kubectl. Each check is an
// outcome seen through kubectl and on the host: cgroup limits, CrashLoopBackOff, OOMKilled, pod
// IPs answering, nothing left after a delete, nothing restarted after an agent restart.
// pods.test.ts covers logs, exec, port-forward, envFrom configMapRef and probes; this file does
// not repeat them. Needs root, runc, docker-registry, skopeo, umoci and busybox-static; run it in
// a network namespace of its own (see the engineers' notes): the bridge kubun0 and kubun's
// iptables chains are removed afterwards.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cgroupParentFor } from "../../agent/agent.ts";
import { cgroupDirs, containerCgroup, podCgroup } from "../../agent/runtime/runc/cgroups.ts";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { waitFor } from "./harness.ts";

let registry: RegistryFixture;
let c: LocalNode;
let image: string;

const field = async (pod: string, path: string) => (await c.kubectl(["get", "pod", pod, "-o", `jsonpath=${path}`])).stdout;
const describe = async (what: string) => `${(await c.kubectl(["describe", what])).stdout}\nserver output (tail):\n${c.logs().slice(-4000)}`;
const apply = (obj: unknown) => c.k(["apply", "-f", "-"], { stdin: JSON.stringify(obj) });

async function waitReady(pod: string, timeout = "90s") {
  const r = await c.kubectl(["wait", "--for=condition=Ready", `pod/${pod}`, `--timeout=${timeout}`]);
  if (r.code !== 0) throw new Error(`pod ${pod} not Ready: ${r.stderr}\n${await describe(`pod/${pod}`)}`);
}

beforeAll(async () => {
  registry = await startRegistry();
  image = `${registry.host}/busybox:latest`;
  // Every CrashLoopBackOff delay 2 s instead of 10 s doubling, so restarts come quickly.
  c = await startLocalNode(["--container-backoff-max", "2s", "--sync-frequency", "1s"]);
}, 180_000);

afterAll(async () => {
  await stopLocalNode(c);
  await registry?.dispose();
}, 120_000);

/** Limits as the kernel holds them for a container's cgroup, on cgroup v2 or v1 (hybrid too). */
function hostLimits(path: string): { memoryBytes: string; cpuQuota: string; cpuPeriod: string } {
  const [first] = cgroupDirs(path);
  if (first && existsSync(join(first, "memory.max"))) {
    const [quota, period] = readFileSync(join(first, "cpu.max"), "utf8").trim().split(" ");
    return { memoryBytes: readFileSync(join(first, "memory.max"), "utf8").trim(), cpuQuota: quota!, cpuPeriod: period! };
  }
  const v1 = (controller: string, file: string) => readFileSync(join("/sys/fs/cgroup", controller, path, file), "utf8").trim();
  return { memoryBytes: v1("memory", "memory.limit_in_bytes"), cpuQuota: v1("cpu", "cpu.cfs_quota_us"), cpuPeriod: v1("cpu", "cpu.cfs_period_us") };
}

/** The same three numbers read from inside the container (its cgroup is mounted at /sys/fs/cgroup). */
const LIMITS_INSIDE = [
  "if [ -f /sys/fs/cgroup/memory.max ]; then cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/cpu.max;",
  "else cat /sys/fs/cgroup/memory/memory.limit_in_bytes; echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us); fi",
].join(" ");

/** Host processes whose cgroup or command line names the pod's uid (runc, its shell, the container). */
function processesOf(uid: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cgroup = readFileSync(`/proc/${pid}/cgroup`, "utf8");
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cgroup.includes(uid) || cmdline.includes(uid)) out.push(`${pid}: ${cmdline}`);
    } catch {}
  }
  return out;
}

// The seed's pod: a writer and a reader sharing an emptyDir (log-volume at /var/log/date-tail),
// an init container preparing it, requests/limits as in the seed (cpu 0.5, memory 64M).
const seedPod = () => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "date-tail", labels: { app: "date-tail" } },
  spec: {
    terminationGracePeriodSeconds: 1,
    volumes: [
      { name: "log-volume", emptyDir: {} },
      { name: "app-config", configMap: { name: "date-tail-config", items: [{ key: "format", path: "format.txt" }] } },
    ],
    initContainers: [{
      name: "prepare",
      image,
      command: ["sh", "-c", "echo prepared by init > /var/log/date-tail/init.txt"],
      volumeMounts: [{ name: "log-volume", mountPath: "/var/log/date-tail" }],
    }],
    containers: [
      {
        name: "date",
        image,
        command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo \"$(cat /etc/app/format.txt) $(date +%s) $APP_USER\" >> /var/log/date-tail/date.log; sleep 1; done"],
        envFrom: [{ secretRef: { name: "date-tail-secret" } }],
        volumeMounts: [{ name: "log-volume", mountPath: "/var/log/date-tail" }, { name: "app-config", mountPath: "/etc/app" }],
        resources: { requests: { cpu: "250m", memory: "32M" }, limits: { cpu: "500m", memory: "64M" } },
      },
      {
        name: "tail",
        image,
        command: ["sh", "-c", "exec tail -F /var/log/date-tail/date.log"],
        volumeMounts: [{ name: "log-volume", mountPath: "/var/log/date-tail" }],
        readinessProbe: { exec: { command: ["test", "-s", "/var/log/date-tail/date.log"] }, periodSeconds: 1 },
        resources: { limits: { cpu: "100m", memory: "16Mi" } },
      },
    ],
  },
});

test("the seed's two-container pod with an init container, a Secret's env, configMap and emptyDir volumes becomes Ready with its limits in the containers' cgroups", async () => {
  await c.k(["create", "secret", "generic", "date-tail-secret", "--from-literal=APP_USER=seed-reader"]);
  await c.k(["create", "configmap", "date-tail-config", "--from-literal=format=tick"]);
  await apply(seedPod());
  await waitReady("date-tail");

  expect(await field("date-tail", "{.status.initContainerStatuses[0].state.terminated.reason}")).toBe("Completed");
  expect(await field("date-tail", "{.status.conditions[?(@.type=='Initialized')].status}")).toBe("True");
  // The reader sees what the init container and the writer put into the shared emptyDir.
  expect(await c.k(["exec", "date-tail", "-c", "tail", "--", "cat", "/var/log/date-tail/init.txt"])).toBe("prepared by init\n");
  const line = (await c.k(["exec", "date-tail", "-c", "tail", "--", "head", "-n", "1", "/var/log/date-tail/date.log"])).trim();
  expect(line).toMatch(/^tick \d+ seed-reader$/);
  await waitFor("the tail container's log to show the writer's lines", async () => ((await c.kubectl(["logs", "date-tail", "-c", "tail"])).stdout.includes("seed-reader") ? true : undefined));

  // 500m = 50 ms of CPU per 100 ms period; 64M = 64,000,000 bytes (a whole number of pages); 16Mi.
  expect((await c.k(["exec", "date-tail", "-c", "date", "--", "sh", "-c", LIMITS_INSIDE])).split("\n").filter(Boolean)).toEqual(["64000000", "50000 100000"]);
  expect((await c.k(["exec", "date-tail", "-c", "tail", "--", "sh", "-c", LIMITS_INSIDE])).split("\n").filter(Boolean)).toEqual([String(16 * 2 ** 20), "10000 100000"]);
  const uid = await field("date-tail", "{.metadata.uid}");
  const parent = cgroupParentFor(join(c.dir, "data"));
  expect(hostLimits(containerCgroup(parent, uid, "date"))).toEqual({ memoryBytes: "64000000", cpuQuota: "50000", cpuPeriod: "100000" });
  expect(hostLimits(containerCgroup(parent, uid, "tail"))).toEqual({ memoryBytes: String(16 * 2 ** 20), cpuQuota: "10000", cpuPeriod: "100000" });
}, 240_000);

test("a Deployment of 3 busybox httpd replicas: every pod answers on its own pod IP from the node", async () => {
  // The seeds' deployment.yml shape; a short grace period because httpd as PID 1 ignores SIGTERM.
  await apply({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "httpd", image, command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"], ports: [{ containerPort: 8080 }] }],
        },
      },
    },
  });
  const rollout = await c.kubectl(["rollout", "status", "deployment/web", "--timeout=120s"]);
  if (rollout.code !== 0) throw new Error(`deployment web did not roll out: ${rollout.stderr}\n${await describe("pods")}`);
  const pods = JSON.parse(await c.k(["get", "pods", "-l", "app=web", "-o", "json"])) as { items: { metadata: { name: string }; status: { podIP?: string } }[] };
  expect(pods.items).toHaveLength(3);
  const ips = pods.items.map((p) => p.status.podIP ?? "");
  expect(new Set(ips).size).toBe(3);
  for (const p of pods.items) {
    expect(p.status.podIP).toMatch(/^10\.42\.\d+\.\d+$/);
    const body = await waitFor(`http://${p.status.podIP}:8080/ from the node`, async () => {
      const r = await fetch(`http://${p.status.podIP}:8080/index.html`).catch(() => undefined);
      return r?.ok ? r.text() : undefined;
    });
    expect(body).toBe(`${p.metadata.name}\n`);
  }
}, 240_000);

test("restarting the server and its local agent restarts no container: same restart counts, same runc containers", async () => {
  const counts = async () => (await c.k(["get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.containerStatuses[*].restartCount}{'\\n'}{end}"])).trim().split("\n").sort();
  const before = { counts: await counts(), runc: await c.runcList() };
  expect(before.runc.length).toBe(2 + 3);
  expect(before.counts.every((l) => /=0( 0)*$/.test(l))).toBe(true);

  await c.restart();
  await waitFor("every pod Ready again after the restart", async () => {
    const r = await c.kubectl(["get", "pods", "-o", "jsonpath={.items[*].status.conditions[?(@.type=='Ready')].status}"]);
    return r.stdout.split(" ").length === 4 && r.stdout.split(" ").every((s) => s === "True") ? true : undefined;
  }, 90_000);
  expect(await counts()).toEqual(before.counts);
  expect(await c.runcList()).toEqual(before.runc);
  // Still the same processes doing the same work: the writer keeps appending to the shared file.
  const lines = async () => Number((await c.k(["exec", "date-tail", "-c", "tail", "--", "sh", "-c", "wc -l < /var/log/date-tail/date.log"])).trim());
  const n = await lines();
  await waitFor("the writer to append after the restart", async () => ((await lines()) > n ? true : undefined));
}, 240_000);

test("kubectl delete pod leaves no process, no runc container, no mount and no cgroup of the pod", async () => {
  const uid = await field("date-tail", "{.metadata.uid}");
  const parent = cgroupParentFor(join(c.dir, "data"));
  expect(processesOf(uid).length).toBeGreaterThan(0);
  expect(readFileSync("/proc/self/mountinfo", "utf8")).toContain(uid);
  expect(cgroupDirs(podCgroup(parent, uid)).some((d) => existsSync(d))).toBe(true);

  await c.k(["delete", "pod", "date-tail", "--timeout=60s"]);
  await c.k(["delete", "deployment", "web", "--timeout=60s"]);
  await waitFor("the Deployment's pods to be gone", async () => ((await c.k(["get", "pods", "-o", "name"])).trim() === "" ? true : undefined), 60_000);
  await waitFor("no runc container left", async () => ((await c.runcList()).length === 0 ? true : undefined), 30_000);
  expect(processesOf(uid)).toEqual([]);
  expect(readFileSync("/proc/self/mountinfo", "utf8").split("\n").filter((l) => l.includes(uid))).toEqual([]);
  expect(cgroupDirs(podCgroup(parent, uid)).filter((d) => existsSync(d))).toEqual([]);
  expect(existsSync(join(c.dir, "data/agent/pods", uid))).toBe(false);
}, 180_000);

test("a crashing container goes into CrashLoopBackOff with a rising restartCount", async () => {
  await apply({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "crasher" },
    // It runs a second before failing: a container that exits at once is sometimes reported as
    // StartError 128 (its pid file not seen yet), a runtime race reported separately.
    spec: { containers: [{ name: "app", image, command: ["sh", "-c", "echo crashing; sleep 1; exit 2"] }] },
  });
  const status = async () => {
    const [count, reason] = (await field("crasher", "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.waiting.reason}")).split(" ");
    return { count: Number(count || 0), reason: reason ?? "" };
  };
  // 2 s back-offs (--container-backoff-max 2s): a restart about every 3 s.
  const seen: number[] = [];
  const last = await waitFor("restartCount 3 in CrashLoopBackOff", async () => {
    const s = await status();
    if (seen.at(-1) !== s.count) seen.push(s.count);
    return s.count >= 3 && s.reason === "CrashLoopBackOff" ? s : undefined;
  }, 90_000).catch(async (e: Error) => {
    throw new Error(`${e.message} (restart counts seen: ${seen.join(", ")})\n${await describe("pod/crasher")}`);
  });
  expect(last.reason).toBe("CrashLoopBackOff");
  expect(seen.length).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  const lastState = await field("crasher", "{.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}");
  if (lastState !== "2 Error") throw new Error(`lastState.terminated is "${lastState}", not "2 Error"\n${await describe("pod/crasher")}`);
  expect(await field("crasher", "{.status.phase}")).toBe("Running");
  expect((await c.k(["get", "pod", "crasher"]))).toContain("CrashLoopBackOff");
  await c.k(["delete", "pod", "crasher", "--grace-period=1", "--timeout=60s"]);
}, 180_000);

test("a container that allocates past its 16Mi memory limit is OOMKilled", async () => {
  await apply({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "hog" },
    spec: {
      containers: [{
        name: "app",
        image,
        // tail keeps the last lines in memory; 64 MiB without a newline is one 64 MiB line.
        command: ["sh", "-c", "head -c 67108864 /dev/zero | tail"],
        resources: { limits: { memory: "16Mi" } },
      }],
    },
  });
  const terminated = await waitFor("lastState.terminated of the hog", async () => {
    const s = await field("hog", "{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}");
    return s.trim() ? s : undefined;
  }, 90_000).catch(async (e: Error) => {
    throw new Error(`${e.message}\n${await describe("pod/hog")}`);
  });
  expect(terminated).toBe("OOMKilled 137");
  expect(await field("hog", "{.status.containerStatuses[0].lastState.terminated.signal}")).toBe("9");
  await c.k(["delete", "pod", "hog", "--grace-period=1", "--timeout=60s"]);
  await waitFor("no runc container left", async () => ((await c.runcList()).length === 0 ? true : undefined), 30_000);
}, 180_000);

test("a configMap volume follows `kubectl apply` of its ConfigMap while the pod runs; a dropped key's file goes", async () => {
  const cm = (data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "live" }, data });
  await apply(cm({ greeting: "hello", old: "x" }));
  await apply({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "reader" },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "app", image, command: ["sleep", "3600"], volumeMounts: [{ name: "cfg", mountPath: "/cfg" }] }],
      volumes: [{ name: "cfg", configMap: { name: "live" } }],
    },
  });
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/reader", "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod reader not Ready: ${ready.stderr}\n${await describe("pod/reader")}`);
  expect(await c.k(["exec", "reader", "--", "cat", "/cfg/greeting"])).toBe("hello");
  await apply(cm({ greeting: "updated" }));
  await waitFor("the new value in the running container (server started with --sync-frequency 1s)", async () => {
    const r = await c.kubectl(["exec", "reader", "--", "sh", "-c", "cat /cfg/greeting; ls /cfg"]);
    return r.stdout === "updated" + "greeting\n" ? true : undefined;
  }, 30_000);
  await c.k(["delete", "pod", "reader", "--timeout=60s"]);
  await c.k(["delete", "configmap", "live"]);
}, 180_000);
