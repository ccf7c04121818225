import { describe, expect, test } from "bun:test";
import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import { computeHash } from "../history/hash.ts";
import { cached, fakeContext } from "../replicaset/testing.ts";
import { controllerRef, type DeploymentObject, type PodObject, type ReplicaSetObject } from "../replicaset/types.ts";
import type { DeploymentContext } from "./context.ts";
import { syncDeployment } from "./sync.ts";

const NOW = Date.parse("2025-01-01T00:10:00Z");
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

interface DOpts {
  replicas?: number;
  image?: string;
  surge?: number | string;
  unavailable?: number | string;
  recreate?: boolean;
  paused?: boolean;
  annotations?: Record<string, string>;
  status?: DeploymentStatus;
  generation?: number;
}

function deployment(o: DOpts = {}): DeploymentObject {
  return cached<DeploymentObject>({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", uid: "uid-web", generation: o.generation ?? 1, annotations: o.annotations },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: "web" } },
      strategy: o.recreate ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: o.surge ?? "25%", maxUnavailable: o.unavailable ?? "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      paused: o.paused,
      template: template(o.image ?? "nginx:1"),
    },
    status: o.status ?? {},
  });
}

function template(image: string) {
  return { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } };
}

function replicaSet(d: DeploymentObject, o: { image: string; replicas: number; available?: number; revision: string; created?: string; annotations?: Record<string, string> }): ReplicaSetObject {
  const t = template(o.image);
  const hash = computeHash(t);
  const labels = { app: "web", "pod-template-hash": hash };
  return cached<ReplicaSetObject>({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `web-${hash}`,
      labels,
      creationTimestamp: o.created ?? at(300),
      ownerReferences: [controllerRef(d)],
      annotations: { "deployment.kubernetes.io/revision": o.revision, "deployment.kubernetes.io/desired-replicas": String(d.spec!.replicas), "deployment.kubernetes.io/max-replicas": String(d.spec!.replicas! + 1), ...o.annotations },
    },
    spec: { replicas: o.replicas, selector: { matchLabels: labels }, template: { ...t, metadata: { labels } } },
    status: { replicas: o.replicas, readyReplicas: o.available ?? o.replicas, availableReplicas: o.available ?? o.replicas, observedGeneration: 1 },
  });
}

function setup(d: DeploymentObject, rsList: ReplicaSetObject[] = [], pods: PodObject[] = []) {
  const f = fakeContext(NOW);
  f.api.put("deployments", d);
  for (const rs of rsList) {
    f.api.put("replicasets", rs);
    f.replicaSetIndex.upsert(rs);
  }
  for (const p of pods) f.podIndex.upsert(p);
  const ctx: DeploymentContext = { ...f, getDeployment: (key) => (key === "default/web" ? d : undefined) };
  const run = async () => {
    const r = await syncDeployment(ctx, "default/web");
    await f.recorder.flush();
    return r;
  };
  const stored = () => f.api.get("deployments", "web") as DeploymentObject;
  const rsNamed = (name: string) => f.api.get("replicasets", name) as ReplicaSetObject;
  return { ...f, run, stored, rsNamed };
}

const conditions = (d: DeploymentObject) => (d.status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);

describe("Deployment reconcile", () => {
  test("a new Deployment creates <name>-<hash> with its template, revision 1, and reports NewReplicaSetCreated", async () => {
    const d = deployment();
    const { api, run, stored } = setup(d);
    const result = await run();
    const hash = computeHash(d.spec!.template);
    expect(api.summary()).toEqual(["POST replicasets", "PATCH deployments web", "PUT deployments/status web", "PUT deployments/status web"]);
    const created = api.writes[0]!.body;
    expect(created.metadata).toEqual({
      name: `web-${hash}`,
      namespace: "default",
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-web", controller: true, blockOwnerDeletion: true }],
      labels: { app: "web", "pod-template-hash": hash },
      annotations: { "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" },
    });
    expect(created.spec).toEqual({ replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": hash } }, template: { metadata: { labels: { app: "web", "pod-template-hash": hash } }, spec: d.spec!.template.spec } });
    expect(stored().metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(stored().status).toEqual({
      observedGeneration: 1,
      unavailableReplicas: 3,
      conditions: [
        { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "web-${hash}"`, lastUpdateTime: at(0), lastTransitionTime: at(0) },
        { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability.", lastUpdateTime: at(0), lastTransitionTime: at(0) },
      ],
    });
    expect(api.events()).toEqual([`Normal ScalingReplicaSet Scaled up replica set web-${hash} to 3`]);
    expect(result).toEqual({ requeueAfterMs: 601_000 });
  });

  test("a template change with maxSurge 2 and maxUnavailable 2 of 4 creates the new set at 2 and scales the old one to 2 at once", async () => {
    const d = deployment({ replicas: 4, surge: 2, unavailable: 2, image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "1" } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 4, revision: "1" });
    const { api, run, rsNamed } = setup(d, [old]);
    await run();
    const newName = `web-${computeHash(d.spec!.template)}`;
    expect(rsNamed(newName).spec!.replicas).toBe(2);
    expect(rsNamed(old.metadata.name).spec!.replicas).toBe(2);
    expect(api.events()).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${newName} to 2`, `Normal ScalingReplicaSet Scaled down replica set ${old.metadata.name} to 2 from 4`]);
  });

  test("old pods that are not available are removed first without waiting for the new ones", async () => {
    const d = deployment({ replicas: 4, surge: 0, unavailable: 1, image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "2" } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 4, available: 2, revision: "1" });
    const next = replicaSet(d, { image: "nginx:2", replicas: 0, revision: "2", created: at(10) });
    const { api, run } = setup(d, [old, next]);
    await run();
    // maxScaledDown = 4 − 3 − 0 = 1: one unhealthy old pod goes
    expect(api.events()).toEqual([`Normal ScalingReplicaSet Scaled down replica set ${old.metadata.name} to 3 from 4`]);
  });

  test("scaling a paused Deployment mid-rollout grows every active ReplicaSet in proportion", async () => {
    const d = deployment({ replicas: 6, image: "nginx:2", paused: true, annotations: { "deployment.kubernetes.io/revision": "2" } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 3, revision: "1", annotations: { "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" } });
    const next = replicaSet(d, { image: "nginx:2", replicas: 1, revision: "2", created: at(10), annotations: { "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" } });
    const { api, run, rsNamed, stored } = setup(d, [old, next]);
    await run();
    // 6 + 25% surge (2) = 8 allowed; 4 more split 3:1 by size
    expect(rsNamed(old.metadata.name).spec!.replicas).toBe(6);
    expect(rsNamed(next.metadata.name).spec!.replicas).toBe(2);
    expect(rsNamed(next.metadata.name).metadata.annotations).toMatchObject({ "deployment.kubernetes.io/desired-replicas": "6", "deployment.kubernetes.io/max-replicas": "8" });
    expect(api.events()).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${old.metadata.name} to 6 from 3`, `Normal ScalingReplicaSet Scaled up replica set ${next.metadata.name} to 2 from 1`]);
    expect(conditions(stored())).toContain("Progressing Unknown DeploymentPaused: Deployment is paused");
  });

  test("no progress for progressDeadlineSeconds marks the rollout ProgressDeadlineExceeded", async () => {
    const stale = { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: "x", lastUpdateTime: at(601), lastTransitionTime: at(700) };
    const d = deployment({ image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "2" }, status: { observedGeneration: 1, replicas: 4, updatedReplicas: 1, availableReplicas: 3, readyReplicas: 3, unavailableReplicas: 1, conditions: [stale] } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 3, revision: "1" });
    const next = replicaSet(d, { image: "nginx:2", replicas: 1, available: 0, revision: "2", created: at(10) });
    const { run, stored } = setup(d, [old, next]);
    expect(await run()).toBeUndefined();
    expect(conditions(stored())).toContain(`Progressing False ProgressDeadlineExceeded: ReplicaSet "${next.metadata.name}" has timed out progressing.`);
  });

  test("a rollout within its deadline is looked at again when the deadline passes", async () => {
    const recent = { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: "x", lastUpdateTime: at(100), lastTransitionTime: at(100) };
    const d = deployment({ image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "2" }, status: { observedGeneration: 1, replicas: 4, updatedReplicas: 1, availableReplicas: 3, readyReplicas: 3, unavailableReplicas: 1, conditions: [recent] } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 3, revision: "1" });
    const next = replicaSet(d, { image: "nginx:2", replicas: 1, available: 0, revision: "2", created: at(10) });
    const { run } = setup(d, [old, next]);
    expect(await run()).toEqual({ requeueAfterMs: 501_000 });
  });

  test("a name taken by a ReplicaSet with another template bumps collisionCount and fails the pass", async () => {
    const d = deployment();
    const squatter = cached<ReplicaSetObject>({ ...replicaSet(d, { image: "other", replicas: 1, revision: "1" }), metadata: { name: `web-${computeHash(d.spec!.template)}`, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "else", uid: "uid-else", controller: true }] } });
    const { api, run, stored } = setup(d);
    api.put("replicasets", squatter);
    await expect(run()).rejects.toThrow("already exists");
    expect(stored().status?.collisionCount).toBe(1);
  });

  test("Recreate waits while a pod of the old ReplicaSet is still running", async () => {
    const d = deployment({ recreate: true, image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "1" } });
    const old = replicaSet(d, { image: "nginx:1", replicas: 0, revision: "1" });
    const terminating = cached<PodObject>({ apiVersion: "v1", kind: "Pod", metadata: { name: "old-pod", deletionTimestamp: at(1), ownerReferences: [controllerRef(old)] }, status: { phase: "Running" } });
    const { api, run } = setup(d, [cached<ReplicaSetObject>({ ...old, status: { replicas: 0 } })], [terminating]);
    await run();
    expect(api.summary().filter((s) => s.startsWith("POST"))).toEqual([]);
  });

  test("a new ReplicaSet's ReplicaFailure shows on the Deployment", async () => {
    const d = deployment({ annotations: { "deployment.kubernetes.io/revision": "1" } });
    const rs = replicaSet(d, { image: "nginx:1", replicas: 3, available: 0, revision: "1" });
    const failing = cached<ReplicaSetObject>({ ...rs, status: { replicas: 0, conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "quota", lastTransitionTime: at(5) }] } });
    const { run, stored } = setup(d, [failing]);
    await run();
    expect(conditions(stored())).toContain("ReplicaFailure True FailedCreate: quota");
  });

  test("the deprecated rollbackTo annotation puts revision 1's template back and clears itself", async () => {
    const d = deployment({ image: "nginx:2", annotations: { "deployment.kubernetes.io/revision": "2", "deprecated.deployment.rollback.to": "1" } });
    const first = replicaSet(d, { image: "nginx:1", replicas: 0, revision: "1", annotations: { "kubernetes.io/change-cause": "v1" } });
    const second = replicaSet(d, { image: "nginx:2", replicas: 3, revision: "2", created: at(10) });
    const { api, run, stored } = setup(d, [first, second]);
    await run();
    expect(api.summary()).toContain("PUT deployments web");
    expect(stored().spec!.template).toEqual(template("nginx:1"));
    expect(stored().metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "v1" });
    expect(api.events()).toEqual(['Normal DeploymentRollback Rolled back deployment "web" to revision 1']);
  });

  test("a Deployment being deleted only gets its status written", async () => {
    const d = cached<DeploymentObject>({ ...deployment(), metadata: { ...deployment().metadata, deletionTimestamp: at(1) } });
    const { api, run } = setup(d);
    await run();
    expect(api.summary()).toEqual(["PUT deployments/status web"]);
  });
});
