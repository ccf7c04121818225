import { afterEach, describe, expect, test } from "bun:test";
import type { ControllerRevision, DaemonSet } from "kubernetes-types/apps/v1";
import type { Taint } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { CONTROLLER_REVISIONS } from "../history/revisions.ts";
import { inProcess, type InProcessEnv } from "../job/testing.ts";
import { startDaemonSetController } from "./index.ts";
import { targetNode } from "./template.ts";
import { DAEMONSETS, NODES, PODS, type PodObject } from "./types.ts";

let env: InProcessEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function readyNode(e: InProcessEnv, name: string, taints?: Taint[]) {
  await e.client.create(NODES, { apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } }, spec: taints ? { taints } : {} });
  const t = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  await e.client.patch(NODES, name, { status: { conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletReady", message: "ready" }] } }, { type: "merge", subresource: "status" });
}

const daemonSet = (image: string) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent", namespace: "default" },
  spec: { selector: { matchLabels: { app: "agent" } }, template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image }] } } },
});

const live = (pods: PodObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp);

describe("DaemonSet controller in process", () => {
  test("three Ready nodes get one pod each, pinned by node affinity; a tainted node without a toleration gets none", async () => {
    env = await inProcess((d) => [startDaemonSetController(d)]);
    const e = env;
    for (const n of ["n1", "n2", "n3"]) await readyNode(e, n);
    await readyNode(e, "n4", [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    await e.create(DAEMONSETS, daemonSet("agent:1"));
    const pods = await e.until("three daemon pods", async () => {
      const p = await e.list(PODS);
      return p.length === 3 ? p : undefined;
    });
    expect(pods.map((p) => targetNode(p)).sort()).toEqual(["n1", "n2", "n3"]);
    for (const p of pods) {
      expect(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: "metadata.name", operator: "In", values: [targetNode(p)!] }] }]);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: "DaemonSet", name: "agent", controller: true });
    }
    for (const p of pods) await e.setPhase(p, "Running");
    const ds = await e.until("the status to show three available", async () => {
      const d = await e.client.get<StoredObject & DaemonSet>(DAEMONSETS, "agent", { namespace: "default" });
      return d.status?.numberAvailable === 3 ? d : undefined;
    });
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1 });
    const revs = await e.list<ControllerRevision>(CONTROLLER_REVISIONS);
    expect(revs).toHaveLength(1);
    expect(pods[0]!.metadata.labels?.["controller-revision-hash"]).toBe(revs[0]!.metadata?.labels?.["controller-revision-hash"]);
  });

  test("a new template rolls out one node at a time and leaves two revisions", async () => {
    env = await inProcess((d) => [startDaemonSetController(d)]);
    const e = env;
    for (const n of ["n1", "n2", "n3"]) await readyNode(e, n);
    await e.create(DAEMONSETS, daemonSet("agent:1"));
    const first = await e.until("three pods", async () => ((await e.list(PODS)).length === 3 ? e.list(PODS) : undefined));
    for (const p of first) await e.setPhase(p, "Running");
    await e.client.patch(DAEMONSETS, "agent", { spec: { template: { spec: { containers: [{ name: "a", image: "agent:2" }] } } } }, { type: "strategic", namespace: "default" });
    const image = (p: PodObject) => p.spec?.containers[0]?.image;
    let maxDown = 0;
    await e.until("every node to run agent:2", async () => {
      const pods = live(await e.list(PODS));
      for (const p of pods) if (image(p) === "agent:2" && p.status?.phase !== "Running") await e.setPhase(p, "Running");
      const upToDate = pods.filter((p) => image(p) === "agent:2" && p.status?.phase === "Running");
      maxDown = Math.max(maxDown, 3 - pods.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length);
      return upToDate.length === 3 && pods.length === 3;
    });
    expect(maxDown).toBeLessThanOrEqual(1);
    expect(await e.list(CONTROLLER_REVISIONS)).toHaveLength(2);
  });
});
