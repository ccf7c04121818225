import { describe, expect, test } from "bun:test";
import type { Taint } from "kubernetes-types/core/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import { Expectations } from "../../../shared/controller/expectations.ts";
import { cacheOf, recordingApi } from "../../../shared/controller/fake-api.ts";
import { createLogger } from "../../../shared/log.ts";
import { templatePatch, type Revision } from "../history/revisions.ts";
import { FailedPodBackoff } from "./failed-backoff.ts";
import { syncDaemonSet } from "./sync.ts";
import type { DaemonSetDeps, DaemonSetObject, NodeObject, PodObject } from "./types.ts";

const NOW = Date.parse("2025-05-01T12:00:00Z");

function ds(extra: Partial<NonNullable<DaemonSetObject["spec"]>> = {}, image = "agent:1"): DaemonSetObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "kube-system", uid: "ds-uid", resourceVersion: "9", generation: 2 },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image }] } },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      ...extra,
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, observedGeneration: 1 },
  };
}

function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[] } = {}): NodeObject {
  return { apiVersion: "v1", kind: "Node", metadata: { name, uid: `n-${name}`, resourceVersion: "1", labels: { "kubernetes.io/hostname": name, ...opts.labels } }, spec: { taints: opts.taints }, status: {} };
}

function revision(d: DaemonSetObject, hash: string, rev: number): Revision {
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: { name: `agent-${hash}`, namespace: "kube-system", uid: `r-${hash}`, resourceVersion: "1", labels: { app: "agent", "controller-revision-hash": hash }, ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "agent", uid: "ds-uid", controller: true }] },
    data: templatePatch(d) as never,
    revision: rev,
  };
}

function pod(name: string, nodeName: string, hash: string, opts: { ready?: boolean; phase?: string; created?: string } = {}): PodObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "kube-system", uid: `uid-${name}`, resourceVersion: "4", creationTimestamp: opts.created ?? "2025-05-01T11:00:00Z", labels: { app: "agent", "controller-revision-hash": hash }, ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "agent", uid: "ds-uid", controller: true }] },
    spec: { nodeName, containers: [{ name: "a", image: "agent" }] },
    status: { phase: opts.phase ?? "Running", conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True", lastTransitionTime: "2025-05-01T11:00:00Z" }] },
  };
}

function env(d: DaemonSetObject, nodes: NodeObject[], pods: PodObject[] = [], revisions: Revision[] = []) {
  const api = recordingApi();
  const events: string[] = [];
  const clock = new FakeClock(NOW);
  const deps: DaemonSetDeps = {
    client: api.client,
    daemonSets: cacheOf([d]),
    pods: cacheOf(pods),
    nodes: cacheOf(nodes),
    revisions: cacheOf(revisions),
    recorder: { record: (_o, type, reason, message) => void events.push(`${type} ${reason} ${message}`) },
    clock,
    expectations: new Expectations({ clock }),
    failedPods: new FailedPodBackoff(clock),
    log: createLogger("error"),
    burst: 250,
  };
  const created = () => api.of("POST", "/pods").map((w) => w.body);
  const deleted = () => api.of("DELETE", "/pods/").map((w) => w.path.split("/").at(-1));
  const status = () => api.of("PUT", "/status").at(-1)?.body.status;
  return { api, deps, events, created, deleted, status };
}

const targetOf = (p: { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchFields: { values: string[] }[] }[] } } } } }) =>
  p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]!.matchFields[0]!.values[0];

describe("syncDaemonSet", () => {
  test("a new DaemonSet records its first revision and creates one pod per node, pinned by node affinity", async () => {
    const e = env(ds(), [node("a"), node("b"), node("c")]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    const rev = e.api.of("POST", "/controllerrevisions")[0]!.body;
    expect(rev.revision).toBe(1);
    const hash = rev.metadata.labels["controller-revision-hash"];
    expect(rev.metadata.name).toBe(`agent-${hash}`);
    const pods = e.created();
    expect(pods.map(targetOf).sort()).toEqual(["a", "b", "c"]);
    const p = pods[0];
    expect(p.metadata.generateName).toBe("agent-");
    expect(p.metadata.labels).toEqual({ app: "agent", "controller-revision-hash": hash });
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]).toEqual({ key: "metadata.name", operator: "In", values: [targetOf(p)] });
    expect(p.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(e.events.filter((x) => x.startsWith("Normal SuccessfulCreate Created pod: agent-"))).toHaveLength(3);
  });

  test("hostNetwork pods also tolerate network-unavailable", async () => {
    const d = ds();
    d.spec!.template.spec!.hostNetwork = true;
    const e = env(d, [node("a")]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.created()[0].spec.tolerations.at(-1)).toEqual({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  });

  test("a node with an untolerated NoSchedule taint or a non-matching nodeSelector gets no pod", async () => {
    const d = ds();
    d.spec!.template.spec!.nodeSelector = { role: "edge" };
    const e = env(d, [node("a", { labels: { role: "edge" } }), node("b", { labels: { role: "edge" }, taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }] }), node("c")]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.created().map(targetOf)).toEqual(["a"]);
  });

  test("a running pod stays under a new NoSchedule taint but goes under an untolerated NoExecute one", async () => {
    const d = ds();
    const hash = "h1";
    const nodes = [node("a", { taints: [{ key: "maint", effect: "NoSchedule" }] }), node("b", { taints: [{ key: "evict", effect: "NoExecute" }] })];
    const e = env(d, nodes, [pod("agent-a", "a", hash), pod("agent-b", "b", hash)], [revision(d, hash, 1)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toEqual(["agent-b"]);
    expect(e.status()).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 2 });
  });

  test("status counts desired, current, ready, available, updated and observedGeneration", async () => {
    const d = ds();
    const e = env(d, [node("a"), node("b"), node("c")], [pod("agent-a", "a", "h1"), pod("agent-b", "b", "old", { ready: false })], [revision(d, "h1", 2)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.created().map(targetOf)).toEqual(["c"]);
    expect(e.status()).toEqual({ desiredNumberScheduled: 3, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 2, observedGeneration: 2 });
  });

  test("a rolling update deletes at most maxUnavailable available old pods at a time", async () => {
    const d = ds({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } }, "agent:2");
    const pods = [pod("agent-a", "a", "old"), pod("agent-b", "b", "old"), pod("agent-c", "c", "old")];
    const e = env(d, [node("a"), node("b"), node("c")], pods, [revision(d, "new", 2)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toHaveLength(1);
    expect(e.created()).toHaveLength(0);
  });

  test("an unavailable old pod is replaced at once, within the same budget", async () => {
    const d = ds({}, "agent:2");
    const pods = [pod("agent-a", "a", "old", { ready: false }), pod("agent-b", "b", "old"), pod("agent-c", "c", "new", { ready: false })];
    const e = env(d, [node("a"), node("b"), node("c")], pods, [revision(d, "new", 2)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toEqual(["agent-a"]);
  });

  test("with maxSurge a new pod starts beside the old one, and the old one goes once the new one is available", async () => {
    const d = ds({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }, "agent:2");
    const surge = env(d, [node("a"), node("b")], [pod("agent-a", "a", "old"), pod("agent-b", "b", "old")], [revision(d, "new", 2)]);
    await syncDaemonSet(surge.deps, "kube-system/agent");
    expect(surge.created()).toHaveLength(1);
    expect(surge.deleted()).toEqual([]);
    const swap = env(d, [node("a"), node("b")], [pod("agent-a", "a", "old"), pod("agent-a2", "a", "new", { created: "2025-05-01T11:30:00Z" }), pod("agent-b", "b", "old")], [revision(d, "new", 2)]);
    await syncDaemonSet(swap.deps, "kube-system/agent");
    expect(swap.deleted()).toEqual(["agent-a"]);
  });

  test("OnDelete leaves old pods alone", async () => {
    const d = ds({ updateStrategy: { type: "OnDelete" } }, "agent:2");
    const e = env(d, [node("a")], [pod("agent-a", "a", "old")], [revision(d, "new", 2)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toEqual([]);
    expect(e.created()).toEqual([]);
  });

  test("a failed daemon pod is deleted with a warning, then backs off", async () => {
    const d = ds();
    const e = env(d, [node("a")], [pod("agent-a", "a", "h1", { phase: "Failed" })], [revision(d, "h1", 1)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toEqual(["agent-a"]);
    expect(e.events).toContain("Warning FailedDaemonPod Found failed daemon pod kube-system/agent-a on node a, will try to kill it");
    e.deps.expectations.forget("kube-system/agent");
    const again = await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toHaveLength(1);
    expect(again).toEqual({ requeueAfterMs: 1000 });
  });

  test("extra pods on one node are pruned, the oldest kept", async () => {
    const d = ds();
    const e = env(d, [node("a")], [pod("agent-new", "a", "h1", { created: "2025-05-01T11:50:00Z" }), pod("agent-old", "a", "h1")], [revision(d, "h1", 1)]);
    await syncDaemonSet(e.deps, "kube-system/agent");
    expect(e.deleted()).toEqual(["agent-new"]);
  });
});
