// `kubun agent` joining a control-plane-only server with the server's token, as a worker node
// would: its Node carries --node-label, --node-taint and a pod CIDR, it runs a real pod (runc,
// busybox from a loopback registry) and stops on SIGTERM with exit 0. Needs root and runc; the
// agent works in this machine's network namespace (kubun0 is removed afterwards).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { removeBridge, removeMasquerade } from "../../agent/network/index.ts";
import { requireRoot, requireTool, run } from "../fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { BINARY, startCluster, waitFor, type Cluster } from "./harness.ts";

let registry: RegistryFixture;
let c: Cluster;
let agent: Bun.Subprocess<"ignore", "pipe", "pipe">;
let output = "";
const dataDir = () => join(c.dir, "agent-data");

beforeAll(async () => {
  requireRoot("running pods with runc");
  requireTool("runc", "runc");
  registry = await startRegistry();
  c = await startCluster();
  const token = readFileSync(join(c.dir, "data/server/token"), "utf8").trim();
  agent = Bun.spawn([BINARY, "agent", "--server", c.url, "--data-dir", dataDir(), "--node-name", "worker-1", "--node-label", "tier=edge", "--node-taint", "edge=true:PreferNoSchedule"], {
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: c.dir, KUBUN_TOKEN: token },
  });
  void (async () => {
    for await (const chunk of agent.stderr as unknown as AsyncIterable<Uint8Array>) output += new TextDecoder().decode(chunk);
  })();
}, 180_000);

afterAll(async () => {
  if (agent && agent.exitCode === null) {
    agent.kill("SIGTERM");
    await agent.exited;
  }
  if (c) {
    const root = join(dataDir(), "agent/runc");
    const ids = (await run(["runc", "--root", root, "list", "-q"]).catch(() => ({ stdout: "" }))).stdout.split("\n").filter(Boolean);
    for (const id of ids) await run(["runc", "--root", root, "delete", "--force", id]).catch(() => {});
    await c.stop();
  }
  await removeMasquerade({}).catch(() => {});
  await removeBridge({ name: "kubun0" }).catch(() => {});
  await registry?.dispose();
}, 60_000);

test("kubun agent joins with the token, registers its labels, taint and pod CIDR, runs a pod and stops on SIGTERM", async () => {
  await waitFor(`node worker-1 Ready (agent output:\n${output})`, async () => {
    const r = await c.kubectl(["get", "node", "worker-1", "-o", "jsonpath={.status.conditions[?(@.type=='Ready')].status}"]);
    return r.stdout === "True" ? true : undefined;
  }, 60_000);
  const node = JSON.parse(await c.k(["get", "node", "worker-1", "-o", "json"]));
  expect(node.metadata.labels).toMatchObject({ tier: "edge", "kubernetes.io/hostname": "worker-1" });
  expect(node.spec).toMatchObject({ podCIDR: "10.42.0.0/24", taints: [{ key: "edge", value: "true", effect: "PreferNoSchedule" }] });
  expect(node.status.nodeInfo.containerRuntimeVersion).toStartWith("runc://");

  await c.k(["run", "hello", `--image=${registry.host}/busybox:latest`, "--restart=Never", "--command", "--", "sh", "-c", "echo hello from $(hostname)"]);
  const done = await c.kubectl(["wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/hello", "--timeout=90s"]);
  if (done.code !== 0) throw new Error(`pod hello did not succeed: ${done.stderr}\n${(await c.kubectl(["describe", "pod", "hello"])).stdout}\nagent output:\n${output}`);
  expect(await c.k(["logs", "hello"])).toBe("hello from hello\n");
  await c.k(["delete", "pod", "hello", "--timeout=60s"]);

  agent.kill("SIGTERM");
  expect(await agent.exited).toBe(0);
  expect(output).toContain("shutting down");
}, 180_000);
