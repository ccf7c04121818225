import { describe, expect, test } from "bun:test";
import type { StoredObject } from "../../../shared/api/object.ts";
import { syncReplicaSet, type ReplicaSetContext } from "./sync.ts";
import { cached, fakeContext } from "./testing.ts";
import { controllerRef, type PodObject, type ReplicaSetObject } from "./types.ts";

const T0 = "2025-01-01T00:00:00Z";

function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; generation?: number; owner?: StoredObject } = {}): ReplicaSetObject {
  return cached<ReplicaSetObject>({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, generation: extra.generation ?? 1, ...(extra.owner ? { ownerReferences: [controllerRef(extra.owner)] } : {}) },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web", tier: "fe" }, annotations: { a: "1" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
    },
  });
}

interface PodOpts {
  owner?: StoredObject;
  ready?: string | false;
  node?: string;
  phase?: string;
  labels?: Record<string, string>;
  created?: string;
  deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): PodObject {
  const conditions = o.ready ? [{ type: "Ready", status: "True", lastTransitionTime: o.ready }] : [{ type: "Ready", status: "False" }];
  return cached<PodObject>({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      labels: o.labels ?? { app: "web", tier: "fe" },
      creationTimestamp: o.created ?? T0,
      ...(o.owner ? { ownerReferences: [controllerRef(o.owner)] } : {}),
      ...(o.deleting ? { deletionTimestamp: T0 } : {}),
    },
    spec: { nodeName: o.node, containers: [{ name: "c", image: "nginx" }] },
    status: { phase: o.phase ?? (o.node ? "Running" : "Pending"), conditions },
  });
}

function setup(rs: ReplicaSetObject, pods: PodObject[] = []) {
  const f = fakeContext();
  f.api.put("replicasets", rs);
  f.replicaSetIndex.upsert(rs);
  for (const p of pods) {
    f.podIndex.upsert(p);
    f.api.put("pods", p);
  }
  const ctx: ReplicaSetContext = { ...f, getReplicaSet: (key) => (key === `default/${rs.metadata.name}` ? rs : undefined) };
  const run = async () => {
    const r = await syncReplicaSet(ctx, `default/${rs.metadata.name}`);
    await f.recorder.flush();
    return r;
  };
  return { ...f, ctx, run };
}

describe("ReplicaSet reconcile", () => {
  test("a ReplicaSet without pods creates spec.replicas pods from its template, controlled by it", async () => {
    const rs = replicaSet("web-abc", 3);
    const { api, run } = setup(rs);
    await run();
    const creates = api.writes.filter((w) => w.method === "POST" && w.resource === "pods");
    expect(creates.length).toBe(3);
    expect(creates[0]!.body).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: "web-abc-",
        namespace: "default",
        labels: { app: "web", tier: "fe" },
        annotations: { a: "1" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    expect(api.events().sort()).toEqual(["Normal SuccessfulCreate Created pod: web-abc-xxxx0", "Normal SuccessfulCreate Created pod: web-abc-xxxx1", "Normal SuccessfulCreate Created pod: web-abc-xxxx2"]);
  });

  test("until the created pods are observed, another reconcile creates nothing more", async () => {
    const rs = replicaSet("web-abc", 2);
    const { api, run, expectations } = setup(rs);
    await run();
    await run();
    expect(api.summary().filter((s) => s === "POST pods").length).toBe(2);
    expectations.creationObserved("default/web-abc", 2);
    await run();
    expect(api.summary().filter((s) => s === "POST pods").length).toBe(4);
  });

  test("expectations expire after five minutes so a lost event cannot wedge the ReplicaSet", async () => {
    const rs = replicaSet("web-abc", 1);
    const { api, run, clock } = setup(rs);
    await run();
    clock.advance(5 * 60_000 + 1);
    await run();
    expect(api.summary().filter((s) => s === "POST pods").length).toBe(2);
  });

  test("surplus pods: unscheduled, then pending, then not-ready ones are deleted first", async () => {
    const rs = replicaSet("web-abc", 2);
    const owner = rs;
    const pods = [
      pod("ready-old", { owner, node: "n1", ready: "2025-01-01T00:01:00Z" }),
      pod("not-ready", { owner, node: "n1", phase: "Running" }),
      pod("ready-new", { owner, node: "n2", ready: "2025-01-01T00:09:00Z" }),
      pod("unscheduled", { owner }),
    ];
    const { api, run } = setup(rs, pods);
    await run();
    expect(api.summary().filter((s) => s.startsWith("DELETE")).sort()).toEqual(["DELETE pods not-ready", "DELETE pods unscheduled"]);
    expect(api.events().sort()).toEqual(["Normal SuccessfulDelete Deleted pod: not-ready", "Normal SuccessfulDelete Deleted pod: unscheduled"]);
  });

  test("among ready pods, the one on a node with more siblings and then the most recently ready goes first", async () => {
    const rs = replicaSet("web-abc", 2);
    const owner = rs;
    const pods = [
      pod("alone", { owner, node: "n1", ready: "2025-01-01T00:09:30Z" }),
      pod("crowded-a", { owner, node: "n2", ready: "2025-01-01T00:00:00Z" }),
      pod("crowded-b", { owner, node: "n2", ready: "2025-01-01T00:09:59Z" }),
    ];
    const { api, run } = setup(rs, pods);
    await run();
    expect(api.summary().filter((s) => s.startsWith("DELETE"))).toEqual(["DELETE pods crowded-b"]);
  });

  test("an orphan matching the selector is adopted; an owned pod whose labels changed is released", async () => {
    const rs = replicaSet("web-abc", 1);
    const orphan = pod("orphan", { node: "n1" });
    const strayed = pod("strayed", { owner: rs, node: "n1", labels: { app: "other" } });
    const { api, run } = setup(rs, [orphan, strayed]);
    await run();
    expect(api.summary().sort()).toEqual(["PATCH pods orphan", "PATCH pods strayed", "PUT replicasets/status web-abc"]);
    expect(api.get("pods", "orphan")!.metadata.ownerReferences).toEqual([controllerRef(rs)]);
    expect(api.get("pods", "strayed")!.metadata.ownerReferences).toBeUndefined();
  });

  test("pods controlled by another owner, terminating or finished are not counted", async () => {
    const rs = replicaSet("web-abc", 1);
    const other = replicaSet("other", 1);
    const pods = [pod("theirs", { owner: other, node: "n1" }), pod("going", { owner: rs, deleting: true }), pod("done", { owner: rs, phase: "Succeeded", node: "n1" })];
    const { api, run } = setup(rs, pods);
    await run();
    expect(api.summary()).toEqual(["POST pods", "PUT replicasets/status web-abc"]);
  });

  test("status counts replicas, fully labeled, ready and available pods and the observed generation", async () => {
    const rs = replicaSet("web-abc", 3, { minReadySeconds: 30, generation: 4 });
    const pods = [
      pod("a", { owner: rs, node: "n1", ready: "2025-01-01T00:00:00Z" }),
      pod("b", { owner: rs, node: "n1", ready: "2025-01-01T00:09:50Z" }),
      pod("c", { owner: rs, node: "n1", labels: { app: "web" } }),
    ];
    const { api, run } = setup(rs, pods);
    const result = await run();
    expect(api.get("replicasets", "web-abc")!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4 });
    expect(result).toBeUndefined();
  });

  test("with every pod ready but not yet available for minReadySeconds, the ReplicaSet is looked at again after that time", async () => {
    const rs = replicaSet("web-abc", 1, { minReadySeconds: 30 });
    const { run } = setup(rs, [pod("a", { owner: rs, node: "n1", ready: "2025-01-01T00:09:50Z" })]);
    expect(await run()).toEqual({ requeueAfterMs: 30_000 });
  });

  test("a failed create sets ReplicaFailure (FailedCreate), records a warning, and fails the reconcile", async () => {
    const rs = replicaSet("web-abc", 3);
    const { api, run, expectations } = setup(rs);
    api.failWrites((w) => (w.resource === "pods" ? api.status(403, "Forbidden", 'pods "web-abc-" is forbidden: exceeded quota') : undefined));
    await expect(run()).rejects.toThrow("exceeded quota");
    // slow start: the first batch of one failed, the other two were never attempted
    expect(api.summary().filter((s) => s === "POST pods").length).toBe(1);
    expect(expectations.satisfied("default/web-abc")).toBe(true);
    expect(api.get("replicasets", "web-abc")!.status).toMatchObject({
      replicas: 0,
      conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-abc-" is forbidden: exceeded quota', lastTransitionTime: "2025-01-01T00:10:00Z" }],
    });
    expect(api.events()).toEqual(['Warning FailedCreate Error creating: pods "web-abc-" is forbidden: exceeded quota']);
  });

  test("a ReplicaSet being deleted creates no pods but still reports status", async () => {
    const rs = cached<ReplicaSetObject>({ ...replicaSet("web-abc", 2), metadata: { ...replicaSet("web-abc", 2).metadata, deletionTimestamp: T0 } });
    const { api, run } = setup(rs);
    await run();
    expect(api.summary()).toEqual(["PUT replicasets/status web-abc"]);
  });
});
