import { afterEach, describe, expect, test } from "bun:test";
import type { Event, Node, Pod } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../shared/api/object.ts";
import { Client } from "../../shared/client/index.ts";
import { SharedInformers } from "../../shared/controller/index.ts";
import { waitUntil } from "../../shared/controller/testing.ts";
import { createLogger } from "../../shared/log.ts";
import { TEST_TOKEN, testApi } from "../api/testing.ts";
import { eventsResource } from "./events.ts";
import { nodesResource, podsResource } from "./pod-writes.ts";
import { startScheduler } from "./scheduler.ts";
import { makeNode, makePod, type NodeSpecOptions, type PodOptions } from "./testing.ts";

/** A small deterministic rng (tests must not depend on Math.random). */
function seeded(seed = 1) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(informers?: (client: Client) => SharedInformers) {
  const api = await testApi();
  const client = new Client({ baseUrl: "https://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  cleanups.push(() => api.close());
  const shared = informers?.(client);
  if (shared) cleanups.push(() => shared.stop());
  const scheduler = startScheduler({ client, log: createLogger("error"), rng: seeded(), informers: shared, queue: { initialBackoffMs: 10, maxBackoffMs: 50 } });
  cleanups.push(() => scheduler.stop());

  const addNode = async (name: string, o: NodeSpecOptions = {}) => {
    const node = makeNode(name, o);
    const created = await client.create<Node>(nodesResource, node as KubeObject);
    await client.updateStatus(nodesResource, { ...created, status: node.status } as KubeObject);
  };
  const addPod = async (name: string, o: PodOptions = {}) => {
    const { metadata, spec } = makePod(name, o);
    const { uid: _uid, resourceVersion: _rv, ...meta } = metadata!;
    await client.create(podsResource, { apiVersion: "v1", kind: "Pod", metadata: meta, spec });
  };
  const pod = (name: string) => client.get<Pod>(podsResource, name, { namespace: "default" });
  const pods = async () => (await client.list<Pod>(podsResource, { namespace: "default" })).items;
  const events = async (name: string) => (await client.list<Event>(eventsResource, { namespace: "default", fieldSelector: `involvedObject.name=${name}` })).items;
  const nodeOf = async (name: string) => (await pod(name)).spec?.nodeName;
  return { api, client, scheduler, shared, addNode, addPod, pod, pods, events, nodeOf };
}

const spreadOf = (pods: Pod[]) => {
  const out: Record<string, number> = {};
  for (const p of pods) out[p.spec?.nodeName ?? "-"] = (out[p.spec?.nodeName ?? "-"] ?? 0) + 1;
  return out;
};

describe("the scheduling loop", () => {
  test("pending pods are bound to ready nodes, replicas spread, each with a Scheduled event", async () => {
    const t = await setup();
    for (const n of ["n1", "n2", "n3"]) await t.addNode(n, { cpu: "4", memory: "8Gi", pods: "110" });
    for (let i = 0; i < 6; i++) await t.addPod(`web-${i}`, { owner: "rs-web", cpu: "100m", memory: "128Mi" });
    const pods = await waitUntil("all pods bound", async () => {
      const all = await t.pods();
      return all.every((p) => p.spec?.nodeName) && all;
    });
    expect(spreadOf(pods)).toEqual({ n1: 2, n2: 2, n3: 2 });
    const bound = await t.pod("web-0");
    expect(bound.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");
    const [ev] = await waitUntil("the Scheduled event", async () => (await t.events("web-0")).length > 0 && t.events("web-0"));
    expect(ev).toMatchObject({
      type: "Normal",
      reason: "Scheduled",
      message: `Successfully assigned default/web-0 to ${bound.spec!.nodeName}`,
      source: { component: "default-scheduler" },
      reportingComponent: "default-scheduler",
      involvedObject: { kind: "Pod", namespace: "default", name: "web-0", uid: bound.metadata!.uid },
      count: 1,
    });
    expect(ev!.firstTimestamp).toBeString();
  });

  test("a burst of 30 replicas spreads evenly because bound-but-unseen pods count", async () => {
    const t = await setup();
    for (const n of ["n1", "n2", "n3"]) await t.addNode(n);
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.addPod(`burst-${i}`, { owner: "rs-burst", cpu: "50m", memory: "32Mi" })));
    const pods = await waitUntil("all pods bound", async () => {
      const all = await t.pods();
      return all.length === 30 && all.every((p) => p.spec?.nodeName) && all;
    });
    expect(spreadOf(pods)).toEqual({ n1: 10, n2: 10, n3: 10 });
  });

  test("a pod that fits nowhere gets FailedScheduling and PodScheduled=False, then lands on a bigger node added later", async () => {
    const t = await setup();
    for (const n of ["n1", "n2", "n3"]) await t.addNode(n, { cpu: "2" });
    await t.addPod("big", { cpu: "8" });
    const want = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const [ev] = await waitUntil("FailedScheduling", async () => (await t.events("big")).length > 0 && t.events("big"));
    expect(ev).toMatchObject({ type: "Warning", reason: "FailedScheduling", message: want, source: { component: "default-scheduler" } });
    const cond = await waitUntil("PodScheduled=False", async () => (await t.pod("big")).status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False"));
    expect(cond).toMatchObject({ reason: "Unschedulable", message: want });

    await t.addNode("huge", { cpu: "16" });
    expect(await waitUntil("big bound", () => t.nodeOf("big"))).toBe("huge");
    const scheduled = await waitUntil("Scheduled", async () => (await t.events("big")).find((e) => e.reason === "Scheduled"));
    expect(scheduled.message).toBe("Successfully assigned default/big to huge");
  });

  test("a pod waiting for room is scheduled once a bound pod goes away", async () => {
    const t = await setup();
    await t.addNode("n1", { cpu: "2" });
    await t.addPod("first", { cpu: "1500m" });
    await waitUntil("first bound", () => t.nodeOf("first"));
    await t.addPod("second", { cpu: "1" });
    await waitUntil("second unschedulable", async () => (await t.events("second")).some((e) => e.reason === "FailedScheduling"));
    await t.client.delete(podsResource, "first", { namespace: "default", gracePeriodSeconds: 0 });
    expect(await waitUntil("second bound", () => t.nodeOf("second"))).toBe("n1");
  });

  test("the FailedScheduling message counts every node's reason", async () => {
    const t = await setup();
    await t.addNode("cp", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] });
    await t.addNode("down", { ready: "False" });
    await t.addNode("small", { cpu: "1" });
    await t.addNode("cordoned", { unschedulable: true });
    await t.addPod("p", { cpu: "2" });
    const [ev] = await waitUntil("FailedScheduling", async () => (await t.events("p")).length > 0 && t.events("p"));
    expect(ev!.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  test("a repeated failure bumps the event's count instead of adding events", async () => {
    const t = await setup();
    await t.addNode("n1", { cpu: "1" });
    await t.addPod("p", { cpu: "2" });
    await waitUntil("first FailedScheduling", async () => (await t.events("p")).length > 0);
    // A node change that does not help: the pod is retried and fails the same way.
    const node = await t.client.get<Node>(nodesResource, "n1");
    await t.client.update(nodesResource, { ...node, metadata: { ...node.metadata, labels: { ...node.metadata!.labels, touched: "1" } } } as KubeObject);
    const [ev, ...more] = await waitUntil("count 2", async () => {
      const evs = await t.events("p");
      return evs.some((e) => (e.count ?? 0) >= 2) && evs;
    });
    expect(more).toEqual([]);
    expect(ev!.lastTimestamp! >= ev!.firstTimestamp!).toBe(true);
  });

  test("pods for another scheduler, already bound, or being deleted are left alone", async () => {
    const t = await setup();
    await t.addPod("other", { spec: { schedulerName: "my-scheduler" } });
    await t.addPod("pinned", { nodeName: "n1" });
    await t.addPod("doomed", { finalizers: ["example.com/hold"] });
    const [noNodes] = await waitUntil("FailedScheduling without nodes", async () => (await t.events("doomed")).length > 0 && t.events("doomed"));
    expect(noNodes!.message).toBe("no nodes available to schedule pods");
    await t.client.delete(podsResource, "doomed", { namespace: "default" });
    await t.addNode("n1");
    await t.addPod("mine");
    await waitUntil("mine bound", () => t.nodeOf("mine"));
    expect(await t.nodeOf("other")).toBeUndefined();
    expect(await t.nodeOf("doomed")).toBeUndefined();
    expect(await t.events("other")).toEqual([]);
    expect(await t.events("pinned")).toEqual([]);
  });

  test("on the controllers' shared informers it schedules, and stopping it leaves them running", async () => {
    const t = await setup((client) => new SharedInformers(client));
    await t.addNode("n1");
    await t.addPod("p");
    expect(await waitUntil("p bound", () => t.nodeOf("p"))).toBe("n1");
    await t.scheduler.stop();
    await t.addPod("later");
    await waitUntil("the shared pod informer sees the new pod", () => t.shared!.all().find((i) => i.resource.plural === "pods")!.get("default/later"));
    expect(await t.nodeOf("later")).toBeUndefined();
  });
});
