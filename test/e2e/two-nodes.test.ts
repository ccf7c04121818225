// Two `kubun agent` nodes on one machine, each in its own network namespace (the RECIPES
// layout: a test bridge on the host, one veth into each namespace), joined to one server: each
// runs its own pod with runc, and neither touches the other's containers, cgroups, mounts or
// files — not when a pod is deleted on one node, and not when one agent restarts. The registry
// listens on the bridge address and is reached over plain HTTP through a registries.yaml mirror
// entry, as an air-gapped edge site would configure it. Needs root, runc, iproute2 and the
// registry tools; fails (never skips) with the missing piece named.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cgroupDirs } from "../../agent/runtime/runc/cgroups.ts";
import { cgroupParentFor } from "../../agent/agent.ts";
import { requireRoot, requireTool, run } from "../fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { BINARY, startCluster, waitFor, type Cluster } from "./harness.ts";

// Names of this file only, so other tests' namespaces and bridges are never touched.
const BRIDGE = "kbt2-br";
const SUBNET = "10.79.0";
const HOST_IP = `${SUBNET}.1`;
const NODES = [
  { name: "edge-a", ns: "kbt2-a", veth: "kbt2-va", ip: `${SUBNET}.11` },
  { name: "edge-b", ns: "kbt2-b", veth: "kbt2-vb", ip: `${SUBNET}.12` },
] as const;
type NodeSpec = (typeof NODES)[number];

interface Agent {
  spec: NodeSpec;
  dataDir: string;
  proc?: Bun.Subprocess<"ignore", "pipe", "pipe">;
  output: string;
}

let registry: RegistryFixture;
let c: Cluster;
const agents: Agent[] = [];

const sh = (argv: string[]) => run(argv);
const quiet = (argv: string[]) => run(argv).catch(() => undefined);

async function teardownNetwork() {
  for (const n of NODES) {
    const pids = (await quiet(["ip", "netns", "pids", n.ns]))?.stdout.split("\n").filter(Boolean) ?? [];
    for (const pid of pids) await quiet(["kill", "-9", pid]);
    await quiet(["ip", "netns", "del", n.ns]);
    await quiet(["ip", "link", "del", n.veth]);
  }
  await quiet(["ip", "link", "del", BRIDGE]);
}

async function setupNetwork() {
  await teardownNetwork();
  await sh(["ip", "link", "add", BRIDGE, "type", "bridge"]);
  await sh(["ip", "addr", "add", `${HOST_IP}/24`, "dev", BRIDGE]);
  await sh(["ip", "link", "set", BRIDGE, "up"]);
  for (const n of NODES) {
    await sh(["ip", "netns", "add", n.ns]);
    await sh(["ip", "link", "add", n.veth, "type", "veth", "peer", "name", "eth0", "netns", n.ns]);
    await sh(["ip", "link", "set", n.veth, "master", BRIDGE, "up"]);
    await sh(["ip", "-n", n.ns, "addr", "add", `${n.ip}/24`, "dev", "eth0"]);
    await sh(["ip", "-n", n.ns, "link", "set", "eth0", "up"]);
    await sh(["ip", "-n", n.ns, "link", "set", "lo", "up"]);
    await sh(["ip", "-n", n.ns, "route", "add", "default", "via", HOST_IP]);
  }
}

/** Without a token: a restart, on the node credential stored at the first join. */
function startAgent(a: Agent, token?: string) {
  // nsenter --net only: the agent keeps the host's mounts and cgroup tree, as a real second
  // machine's agent would have its own (`ip netns exec` would remount /sys).
  a.proc = Bun.spawn(
    ["nsenter", `--net=/run/netns/${a.spec.ns}`, BINARY, "agent", "--server", `https://${HOST_IP}:${c.port}`, ...(token ? ["--token", token] : []),
      "--data-dir", a.dataDir, "--node-name", a.spec.name, "--node-ip", a.spec.ip, "--registry-config", join(a.dataDir, "registries.yaml")],
    { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: c.dir } },
  );
  const proc = a.proc;
  void (async () => {
    for await (const chunk of proc.stderr as unknown as AsyncIterable<Uint8Array>) a.output += new TextDecoder().decode(chunk);
  })();
}

async function stopAgent(a: Agent) {
  if (!a.proc || a.proc.exitCode !== null) return;
  a.proc.kill("SIGTERM");
  await a.proc.exited;
}

const runcRoot = (a: Agent) => join(a.dataDir, "agent/runc");
const runcList = async (a: Agent) => (await run(["runc", "--root", runcRoot(a), "list", "-q"])).stdout.split("\n").filter(Boolean).sort();
const podJson = async (name: string) => JSON.parse(await c.k(["get", "pod", name, "-o", "json"]));

async function waitNodeReady(a: Agent) {
  await waitFor(`node ${a.spec.name} Ready (agent output:\n${a.output})`, async () => {
    const r = await c.kubectl(["get", "node", a.spec.name, "-o", "jsonpath={.status.conditions[?(@.type=='Ready')].status}"]);
    return r.stdout === "True" ? true : undefined;
  }, 90_000);
}

async function runPod(name: string, a: Agent) {
  const manifest = {
    apiVersion: "v1", kind: "Pod", metadata: { name },
    spec: { nodeName: a.spec.name, terminationGracePeriodSeconds: 1, containers: [{ name: "main", image: `${registry.host}/busybox:latest`, command: ["sh", "-c", `echo ${name} > /data/who; sleep 3600`], volumeMounts: [{ name: "data", mountPath: "/data" }] }], volumes: [{ name: "data", emptyDir: {} }] },
  };
  await c.k(["apply", "-f", "-"], { stdin: JSON.stringify(manifest) });
  const ready = await c.kubectl(["wait", "--for=condition=Ready", `pod/${name}`, "--timeout=120s"]);
  if (ready.code !== 0) throw new Error(`pod ${name} not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", name])).stdout}\nagent output:\n${a.output}`);
}

/** What a node holds on this machine for a pod: mounts and cgroup dirs naming its uid. */
function hostTraces(uid: string, a: Agent): { mounts: string[]; cgroups: string[] } {
  const mounts = readFileSync("/proc/self/mountinfo", "utf8").split("\n").filter((l) => l.includes(uid));
  const cgroups = cgroupDirs(`${cgroupParentFor(a.dataDir)}/pod${uid}`).filter((d) => existsSync(d));
  return { mounts, cgroups };
}

beforeAll(async () => {
  requireRoot("two agents in network namespaces");
  requireTool("runc", "runc");
  requireTool("ip", "iproute2");
  requireTool("nsenter", "util-linux");
  await setupNetwork();
  registry = await startRegistry({ address: HOST_IP });
  c = await startCluster(["--bind-address", "0.0.0.0", "--tls-san", HOST_IP]);
  const token = readFileSync(join(c.dir, "data/server/token"), "utf8").trim();
  for (const spec of NODES) {
    const a: Agent = { spec, dataDir: join(c.dir, `agent-${spec.name}`), output: "" };
    mkdirSync(a.dataDir, { recursive: true });
    // k3s's registries.yaml: the registry is not on the agent's loopback, so plain HTTP is asked for.
    writeFileSync(join(a.dataDir, "registries.yaml"), `mirrors:\n  "${registry.host}":\n    endpoint:\n      - "http://${registry.host}"\n`);
    agents.push(a);
  }
  // One after the other: each agent picks its pod CIDR from the Nodes it sees.
  for (const a of agents) {
    startAgent(a, token);
    await waitNodeReady(a);
  }
}, 240_000);

afterAll(async () => {
  // Pods go first, so their agents unmount their volumes and root filesystems.
  if (c && agents.every((a) => a.proc?.exitCode === null)) await c.kubectl(["delete", "pods", "--all", "--timeout=60s"]).catch(() => {});
  for (const a of agents) await stopAgent(a).catch(() => {});
  for (const a of agents) {
    const ids = await runcList(a).catch(() => []);
    for (const id of ids) await quiet(["runc", "--root", runcRoot(a), "delete", "--force", id]);
  }
  // Whatever a failed run left mounted under the test's dir would keep it from being removed.
  const left = c ? readFileSync("/proc/self/mountinfo", "utf8").split("\n").map((l) => l.split(" ")[4] ?? "").filter((m) => m.startsWith(c.dir)) : [];
  for (const m of left.sort().reverse()) await quiet(["umount", "-l", m]);
  await c?.stop();
  await registry?.dispose();
  await teardownNetwork();
}, 90_000);

test("two agents in their own network namespaces run their own pods and never touch each other's containers, mounts, cgroups or files", async () => {
  const [a, b] = agents as [Agent, Agent];
  const nodes = JSON.parse(await c.k(["get", "nodes", "-o", "json"])).items as { metadata: { name: string }; spec: { podCIDR: string }; status: { addresses: { type: string; address: string }[] } }[];
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  expect(byName.get(a.spec.name)!.status.addresses).toContainEqual({ type: "InternalIP", address: a.spec.ip });
  expect(byName.get(b.spec.name)!.status.addresses).toContainEqual({ type: "InternalIP", address: b.spec.ip });
  expect(byName.get(a.spec.name)!.spec.podCIDR).not.toBe(byName.get(b.spec.name)!.spec.podCIDR);

  await runPod("on-a", a);
  await runPod("on-b", b);
  const podA = await podJson("on-a");
  const podB = await podJson("on-b");
  expect(podA.spec.nodeName).toBe(a.spec.name);
  expect(podB.spec.nodeName).toBe(b.spec.name);
  expect(podA.status.podIP).not.toBe(podB.status.podIP);
  expect(await c.k(["exec", "on-b", "--", "cat", "/data/who"])).toBe("on-b\n");

  // Each agent's runc state holds exactly its own pod's container; the cgroup parents differ.
  const idsA = await runcList(a);
  const idsB = await runcList(b);
  expect(idsA).toHaveLength(1);
  expect(idsB).toHaveLength(1);
  expect(idsA[0]).toContain(podA.metadata.uid);
  expect(idsB[0]).toContain(podB.metadata.uid);
  expect(cgroupParentFor(a.dataDir)).not.toBe(cgroupParentFor(b.dataDir));
  const tracesB = hostTraces(podB.metadata.uid, b);
  expect(tracesB.mounts.length).toBeGreaterThan(0);
  expect(tracesB.cgroups.length).toBeGreaterThan(0);

  // Deleting a's pod removes a's traces only.
  await c.k(["delete", "pod", "on-a", "--timeout=60s"]);
  await waitFor("a's container, mounts and cgroup gone", async () => {
    const t = hostTraces(podA.metadata.uid, a);
    return (await runcList(a)).length === 0 && t.mounts.length === 0 && t.cgroups.length === 0 ? true : undefined;
  }, 60_000);
  expect(await runcList(b)).toEqual(idsB);
  expect(hostTraces(podB.metadata.uid, b)).toEqual(tracesB);

  // Restarting agent a (which cleans up containers no pod of its own owns) leaves b's pod alone.
  await stopAgent(a);
  startAgent(a);
  await waitNodeReady(a);
  await Bun.sleep(3_000); // a full sync of the restarted agent, including its clean-up pass
  expect(await runcList(b)).toEqual(idsB);
  expect(hostTraces(podB.metadata.uid, b)).toEqual(tracesB);
  const after = await podJson("on-b");
  expect(after.status.containerStatuses[0].restartCount).toBe(0);
  expect(after.status.containerStatuses[0].containerID).toBe(podB.status.containerStatuses[0].containerID);
  expect(await c.k(["exec", "on-b", "--", "cat", "/data/who"])).toBe("on-b\n");
}, 300_000);
