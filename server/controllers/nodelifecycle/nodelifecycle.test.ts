// The node lifecycle controller against the in-process API, on a fake clock shared by the API
// (deletionTimestamp) and the controller (grace periods, tolerations). The test plays the node's
// agent: it registers the Node, renews the Lease, and stops.
import { afterEach, describe, expect, test } from "bun:test";
import type { Taint } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { Client } from "../../../shared/client/index.ts";
import { FakeClock, SharedInformers } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger } from "../../../shared/log.ts";
import { TEST_TOKEN, testApi } from "../../api/testing.ts";
import { startNodeLifecycleController } from "./index.ts";
import { LEASES, NODES, PODS, rfc3339, type NodeObject, type PodObject } from "./resources.ts";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function env() {
  const clock = new FakeClock(Date.parse("2025-06-01T00:00:00Z"));
  const api = await testApi(() => new Date(clock.now()));
  const fetch = (req: Request) => api.app.fetch(req);
  const client = new Client({ baseUrl: "http://kubun.test", fetch, token: TEST_TOKEN });
  const informers = new SharedInformers(new Client({ baseUrl: "http://kubun.internal", fetch, token: TEST_TOKEN }));
  const controller = startNodeLifecycleController({ client: informers.client, informers, log: createLogger("error"), clock, queue: { baseDelayMs: 1, maxDelayMs: 100 } });
  stop = async () => {
    await controller.stop();
    await informers.stop();
    api.close();
  };
  const node = () => client.get<NodeObject>(NODES, "n1");
  const find = (name: string) => client.get<PodObject>(PODS, name, { namespace: "default" }).catch((e) => (e.code === 404 ? undefined : Promise.reject(e)));
  return {
    clock,
    client,
    controller,
    node,
    find,
    /** The agent's side: post Ready True with a fresh heartbeat, and renew the Lease. */
    async heartbeat() {
      const now = rfc3339(clock.now());
      const n = await node().catch(() => undefined);
      const ready = { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: now, lastTransitionTime: now };
      if (!n) await client.create(NODES, { apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, status: { conditions: [ready] } });
      else {
        const old = n.status?.conditions?.find((c) => c.type === "Ready");
        if (old?.status === "True") ready.lastTransitionTime = old.lastTransitionTime!;
        await client.updateStatus(NODES, { ...n, status: { ...n.status, conditions: [ready] } } as KubeObject);
      }
      const renewTime = new Date(clock.now()).toISOString().replace("Z", "000Z");
      const lease = await client.get(LEASES, "n1", { namespace: "kube-node-lease" }).catch(() => undefined);
      const spec = { holderIdentity: "n1", leaseDurationSeconds: 40, renewTime };
      if (lease) await client.update(LEASES, { ...lease, spec });
      else await client.create(LEASES, { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "n1", namespace: "kube-node-lease" }, spec });
    },
    async pod(name: string, tolerations?: unknown[]) {
      return client.create<PodObject>(PODS, { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { nodeName: "n1", containers: [{ name: "c", image: "busybox" }], ...(tolerations ? { tolerations } : {}) } });
    },
    /** Move the fake clock in steps until `cond` holds; the condition is checked before each step. */
    async advanceUntil(what: string, stepMs: number, cond: () => Promise<boolean>) {
      await waitUntil(what, async () => {
        if (await cond()) return true;
        clock.advance(stepMs);
        return false;
      });
    },
  };
}

const EVENTS = { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true };
const taintKeys = (n: NodeObject) => (n.spec?.taints ?? []).map((t: Taint) => `${t.key}:${t.effect}`);
const deleting = (p: PodObject | undefined) => !!p?.metadata.deletionTimestamp;

describe("node lifecycle (in process)", () => {
  test("a node whose lease stops is tainted unreachable; pods go after their toleration, and the taints go when it comes back", async () => {
    const e = await env();
    await e.heartbeat();
    await e.pod("quick", [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 2 }]);
    await e.pod("default-toleration");
    await e.pod("forever", [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" }]);
    expect((await e.find("default-toleration"))?.spec?.tolerations?.find((t) => t.key === "node.kubernetes.io/unreachable")?.tolerationSeconds).toBe(300);

    // The agent stops: nothing renews the lease. Once the controller has seen the lease (it then
    // waits on the fake clock for the node to go stale), 40 s later the node is Unknown and tainted.
    await waitUntil("the controller to wait for the lease to expire", () => e.clock.pending > 0);
    const start = e.clock.now();
    e.clock.advance(40_001);
    await waitUntil("the node to be tainted unreachable", async () => taintKeys(await e.node()).includes("node.kubernetes.io/unreachable:NoExecute"));
    const n = await e.node();
    expect(n.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    expect(taintKeys(n)).toEqual(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    expect(n.spec!.taints![1].timeAdded).toBe(rfc3339(start + 40_001));

    // Two seconds after the taint the pod tolerating it for 2 s is deleted; the others stay.
    await waitUntil("the quick pod's eviction to be scheduled", () => e.controller.scheduledEvictions().has("default/quick"));
    expect(deleting(await e.find("quick"))).toBe(false);
    e.clock.advance(2000);
    await waitUntil("the quick pod to be deleted", async () => deleting(await e.find("quick")));
    expect(deleting(await e.find("default-toleration"))).toBe(false);
    expect(deleting(await e.find("forever"))).toBe(false);
    const quick = (await e.find("quick"))!;
    expect(quick.status?.conditions?.find((c) => c.type === "DisruptionTarget")?.reason).toBe("DeletionByTaintManager");

    // No agent confirms the delete: once its grace period is over the pod GC force-deletes it.
    await e.advanceUntil("the quick pod to be gone", 5000, async () => (await e.find("quick")) === undefined);

    // The agent comes back: Ready again, the taints are removed and nothing else is evicted.
    await e.heartbeat();
    await waitUntil("the taints to be removed", async () => taintKeys(await e.node()).length === 0);
    expect(deleting(await e.find("default-toleration"))).toBe(false);
    const events = await e.client.list(EVENTS, { namespace: "default" });
    const reasons = events.items.map((ev) => `${(ev as { reason?: string }).reason}: ${(ev as { message?: string }).message}`);
    expect(reasons).toContain("NodeNotReady: Node n1 status is now: NodeNotReady");
    expect(reasons).toContain("TaintManagerEviction: Marking for deletion Pod default/quick");
  });

  test("a pod that does not tolerate a NoExecute taint is evicted at once", async () => {
    const e = await env();
    await e.heartbeat();
    await e.pod("plain");
    await e.pod("tolerant", [{ key: "maintenance", operator: "Exists", effect: "NoExecute" }]);
    const n = await e.node();
    await e.client.patch(NODES, "n1", { spec: { taints: [{ key: "maintenance", value: "now", effect: "NoExecute" }] }, metadata: { resourceVersion: n.metadata.resourceVersion } }, { type: "merge" });
    await waitUntil("the plain pod to be deleted", async () => deleting(await e.find("plain")));
    expect(deleting(await e.find("tolerant"))).toBe(false);
  });

  test("pods bound to a node that no longer exists are deleted after the quarantine", async () => {
    const e = await env();
    await e.heartbeat();
    await e.pod("stranded");
    await e.client.delete(NODES, "n1");
    await e.advanceUntil("the stranded pod to be gone", 5000, async () => (await e.find("stranded")) === undefined);
  });
});
