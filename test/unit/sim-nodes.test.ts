// agent/sim.ts against the in-process API server (server/api/testing.ts); here, not beside the
// code, because agent/ never imports server/.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node, Pod } from "kubernetes-types/core/v1";
import { testApi, TEST_TOKEN } from "../../server/api/testing.ts";
import type { KubeObject } from "../../shared/api/object.ts";
import { Client, isNotFound } from "../../shared/client/index.ts";
import { LEASES, NODE_LEASE_NAMESPACE, NODES, PODS } from "../../agent/resources.ts";
import { startSimNodes, type SimNodes } from "../../agent/sim.ts";

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await Bun.sleep(10);
  }
}

let api: Awaited<ReturnType<typeof testApi>>;
let client: Client;
let sim: SimNodes;

beforeAll(async () => {
  api = await testApi();
  client = new Client({ baseUrl: "https://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  sim = await startSimNodes({ client, count: 2, startupDelayMs: 30, completionMs: 150, lease: { renewIntervalMs: 50 } });
  await sim.ready;
});

afterAll(async () => {
  await sim.stop();
  api.close();
});

const pod = (name: string, nodeName: string, spec: Partial<Pod["spec"]> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels: { app: name } },
  spec: { nodeName, containers: [{ name: "nginx", image: "nginx:1.14.2" }], ...spec },
});
const getPod = (name: string) => client.get<Pod>(PODS, name, { namespace: "default" });
const condition = (p: { status?: { conditions?: readonly { type: string; status: string }[] } }, type: string) => p.status?.conditions?.find((c) => c.type === type)?.status;

describe("simulated nodes", () => {
  test("two simulated nodes register as Ready nodes with labels, capacity, addresses and node info", async () => {
    const nodes = await waitFor("two Ready nodes", async () => {
      const list = await client.list<Node>(NODES);
      return list.items.length === 2 && list.items.every((n) => condition(n, "Ready") === "True") && list.items;
    });
    const n = nodes.find((x) => x.metadata!.name === "sim-0")!;
    expect(n.metadata!.labels).toMatchObject({ "kubernetes.io/hostname": "sim-0", "kubernetes.io/os": "linux", "beta.kubernetes.io/os": "linux" });
    expect(n.metadata!.labels!["kubernetes.io/arch"]).toBe(n.status!.nodeInfo!.architecture);
    expect(n.spec!.podCIDR).toBe("10.42.0.0/24");
    expect(nodes.find((x) => x.metadata!.name === "sim-1")!.spec!.podCIDR).toBe("10.42.1.0/24");
    expect(n.status!.capacity).toMatchObject({ cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" });
    expect(n.status!.allocatable).toEqual(n.status!.capacity!);
    expect(n.status!.addresses).toEqual([
      { type: "InternalIP", address: "172.30.0.1" },
      { type: "Hostname", address: "sim-0" },
    ]);
    expect(n.status!.nodeInfo).toMatchObject({ kubeletVersion: "v1.33.0+kubun", containerRuntimeVersion: "sim://0.1", operatingSystem: "linux" });
    expect(n.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(["MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True"]);
  });

  test("each node renews its Lease in kube-node-lease", async () => {
    const first = await waitFor("the lease", () => client.get<Lease>(LEASES, "sim-0", { namespace: NODE_LEASE_NAMESPACE }));
    expect(first.spec).toMatchObject({ holderIdentity: "sim-0", leaseDurationSeconds: 40 });
    expect(first.spec!.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first.metadata!.ownerReferences).toMatchObject([{ apiVersion: "v1", kind: "Node", name: "sim-0" }]);
    await waitFor("a renewal", async () => (await client.get<Lease>(LEASES, "sim-0", { namespace: NODE_LEASE_NAMESPACE })).spec!.renewTime !== first.spec!.renewTime);
  });

  test("node status is not written again while nothing changes, however often the lease is renewed", async () => {
    const agent = sim.nodes[0]!;
    const writes = agent.registration.statusWrites;
    const renewals = agent.lease!.renewals;
    await waitFor("three more lease renewals", async () => agent.lease!.renewals >= renewals + 3);
    expect(agent.registration.statusWrites).toBe(writes);
  });

  test("a pod bound to a node becomes Running and Ready with full status", async () => {
    await client.create(PODS, pod("web", "sim-0"));
    const p = await waitFor("web Running and Ready", async () => {
      const p = await getPod("web");
      return p.status?.phase === "Running" && condition(p, "Ready") === "True" && p;
    });
    const s = p.status!;
    expect(s.podIP).toMatch(/^10\.42\.0\.\d+$/);
    expect(s.podIPs).toEqual([{ ip: s.podIP! }]);
    expect(s.hostIP).toBe("172.30.0.1");
    expect(s.startTime).toMatch(/Z$/);
    expect(s.qosClass).toBe("BestEffort");
    expect(s.conditions!.map((c) => `${c.type}=${c.status}`).sort()).toEqual(["ContainersReady=True", "Initialized=True", "PodReadyToStartContainers=True", "PodScheduled=True", "Ready=True"]);
    expect(s.containerStatuses).toHaveLength(1);
    const c = s.containerStatuses![0]!;
    expect(c).toMatchObject({ name: "nginx", image: "nginx:1.14.2", ready: true, started: true, restartCount: 0, lastState: {} });
    expect(c.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(c.containerID).toMatch(/^sim:\/\/[0-9a-f]{64}$/);
    expect(c.state!.running!.startedAt).toMatch(/Z$/);
  });

  test("the pod table shows the pod as Running 1/1 on its node", async () => {
    const res = await api.call("GET", "/api/v1/namespaces/default/pods/web", undefined, { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    const cells = res.json.rows[0].cells;
    expect(cells.slice(1, 4)).toEqual(["1/1", "Running", "0"]);
    expect(cells[6]).toBe("sim-0");
  });

  test("a run-to-completion pod becomes Succeeded", async () => {
    await client.create(PODS, pod("job", "sim-1", { restartPolicy: "Never" }));
    const p = await waitFor("job Succeeded", async () => {
      const p = await getPod("job");
      return p.status?.phase === "Succeeded" && p;
    });
    expect(p.status!.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(p.status!.podIP).toMatch(/^10\.42\.1\.\d+$/);
    expect(condition(p, "Ready")).toBe("False");
  });

  test("deleting a pod with the default grace period removes it once the node stopped it", async () => {
    await client.create(PODS, pod("doomed", "sim-1"));
    await waitFor("doomed Running", async () => (await getPod("doomed")).status?.phase === "Running");
    const deleted = await client.delete<Pod>(PODS, "doomed", { namespace: "default" });
    expect(deleted.metadata!.deletionTimestamp).toBeDefined();
    await waitFor("doomed gone", async () => {
      try {
        await getPod("doomed");
        return false;
      } catch (e) {
        return isNotFound(e);
      }
    });
    const runtime = sim.nodes[1]!.runtime!;
    expect((await runtime.listPods()).map((p) => p.name)).not.toContain("doomed");
  });

  test("a stopped node no longer renews its lease", async () => {
    const agent = sim.nodes[1]!;
    await agent.stop();
    const before = await client.get<Lease>(LEASES, "sim-1", { namespace: NODE_LEASE_NAMESPACE });
    const other = sim.nodes[0]!.lease!.renewals;
    await waitFor("two renewals of the other node", async () => sim.nodes[0]!.lease!.renewals >= other + 2);
    const after = await client.get<Lease>(LEASES, "sim-1", { namespace: NODE_LEASE_NAMESPACE });
    expect(after.spec!.renewTime).toBe(before.spec!.renewTime!);
  });
});
