// agent/node-agent.ts against the in-process API server (server/api/testing.ts); here, not beside
// the code, because agent/ never imports server/.
import { afterEach, describe, expect, test } from "bun:test";
import type { Node, Pod } from "kubernetes-types/core/v1";
import { testApi, TEST_TOKEN } from "../../server/api/testing.ts";
import type { KubeObject } from "../../shared/api/object.ts";
import { Client } from "../../shared/client/index.ts";
import { NODES, PODS } from "../../agent/resources.ts";
import { NodeAgent } from "../../agent/node-agent.ts";
import { SimRuntime } from "../../agent/runtime/sim/index.ts";
import { simNodeConfig, startSimNodes, type SimNodes } from "../../agent/sim.ts";

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const api = await testApi();
  cleanups.push(() => api.close());
  const client = new Client({ baseUrl: "https://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  return { api, client };
}

async function sims(opts: Parameters<typeof startSimNodes>[0]): Promise<SimNodes> {
  const s = await startSimNodes({ startupDelayMs: 10, lease: { renewIntervalMs: 50 }, ...opts });
  cleanups.push(() => s.stop());
  await s.ready;
  return s;
}

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === "Ready");
const podOn = (name: string, nodeName: string): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { nodeName, containers: [{ name: "c", image: "busybox" }] } });

describe("node agent", () => {
  test("a Ready condition changed by someone else (the node lifecycle controller) is written back", async () => {
    const { client } = await setup();
    const s = await sims({ client, count: 1 });
    const node = await client.get<Node & KubeObject>(NODES, "sim-0");
    const conditions = node.status!.conditions!.map((c) => (c.type === "Ready" ? { ...c, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." } : c));
    await client.updateStatus(NODES, { ...node, status: { ...node.status, conditions } });
    const back = await waitFor("Ready=True again", async () => {
      const n = await client.get<Node>(NODES, "sim-0");
      return readyOf(n)?.status === "True" && n;
    });
    expect(readyOf(back)!.reason).toBe("KubeletReady");
    expect(s.nodes[0]!.registration.statusWrites).toBeGreaterThanOrEqual(2);
  });

  test("an agent adopts an existing Node: the Node keeps its pod CIDR and pods get addresses from it", async () => {
    const { client } = await setup();
    await client.create(NODES, { apiVersion: "v1", kind: "Node", metadata: { name: "sim-0", labels: { team: "a" } }, spec: { podCIDR: "10.42.9.0/24" } });
    await sims({ client, count: 1 });
    const node = await waitFor("Ready", async () => {
      const n = await client.get<Node>(NODES, "sim-0");
      return readyOf(n)?.status === "True" && n;
    });
    expect(node.metadata!.labels).toMatchObject({ team: "a", "kubernetes.io/hostname": "sim-0" });
    await client.create(PODS, podOn("p", "sim-0"));
    const pod = await waitFor("an IP", async () => (await client.get<Pod>(PODS, "p", { namespace: "default" })).status?.podIP);
    expect(pod).toMatch(/^10\.42\.9\./);
  });

  test("nodes sharing one pod and one node watch each run only their own pods", async () => {
    const { client } = await setup();
    const s = await sims({ client, count: 3, sharedWatch: true });
    for (const [name, node] of [["a", "sim-0"], ["b", "sim-2"]]) await client.create(PODS, podOn(name!, node!));
    for (const name of ["a", "b"]) await waitFor(`${name} Running`, async () => (await client.get<Pod>(PODS, name, { namespace: "default" })).status?.phase === "Running");
    const held = await Promise.all(s.nodes.map(async (n) => (await n.runtime!.listPods()).map((p) => p.name)));
    expect(held).toEqual([["a"], [], ["b"]]);
  });

  test("a second sim process adds nodes after the first one's", async () => {
    const { client } = await setup();
    await sims({ client, count: 1 });
    const later = await sims({ client, count: 2, firstIndex: 1 });
    expect(later.nodes.map((n) => n.name)).toEqual(["sim-1", "sim-2"]);
    expect((await client.get<Node>(NODES, "sim-2")).spec!.podCIDR).toBe("10.42.2.0/24");
  });
});

describe("kubelet start", () => {
  test("a runtime pod that no API pod owns is removed at start; one that an API pod owns is kept", async () => {
    const { client } = await setup();
    const owned = await client.create<Pod & KubeObject>(PODS, podOn("owned", "sim-0"));
    const runtime = new SimRuntime({ startupDelayMs: 10 });
    await runtime.createPod({ metadata: { name: "stray", namespace: "default", uid: "stray-uid" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
    await runtime.createPod(owned);
    const agent = new NodeAgent({ client, config: simNodeConfig("sim-0", 0, {}), runtime });
    cleanups.push(() => agent.stop());
    await agent.ready;
    await waitFor("the stray pod removed", async () => !(await runtime.listPods()).some((p) => p.uid === "stray-uid"));
    expect((await runtime.listPods()).map((p) => p.name)).toEqual(["owned"]);
    await waitFor("owned Running", async () => (await client.get<Pod>(PODS, "owned", { namespace: "default" })).status?.phase === "Running");
  });
});
