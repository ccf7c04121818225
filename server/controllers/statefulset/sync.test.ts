import { describe, expect, test } from "bun:test";
import type { StatefulSetSpec } from "kubernetes-types/apps/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import { cacheOf, recordingApi } from "../../../shared/controller/fake-api.ts";
import { createLogger } from "../../../shared/log.ts";
import { templatePatch, type Revision } from "../history/revisions.ts";
import { syncStatefulSet } from "./sync.ts";
import type { PodObject, StatefulSetDeps, StatefulSetObject } from "./types.ts";

const NOW = Date.parse("2025-06-01T08:00:00Z");

function sts(spec: Partial<StatefulSetSpec> = {}, image = "nginx:2", status: StatefulSetObject["status"] = { replicas: 0 }): StatefulSetObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default", uid: "sts-uid", resourceVersion: "5", generation: 3 },
    spec: {
      replicas: 3,
      serviceName: "nginx",
      podManagementPolicy: "OrderedReady",
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image }] } },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      revisionHistoryLimit: 10,
      ...spec,
    },
    status,
  };
}

function rev(name: string, image: string, revision: number): Revision {
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: { name, namespace: "default", uid: `r-${name}`, resourceVersion: "1", ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "sts-uid", controller: true }] },
    data: templatePatch(sts({}, image)) as never,
    revision,
  };
}

function pod(ordinal: number, revision: string, opts: { ready?: boolean; phase?: string; deleting?: boolean } = {}): PodObject {
  const name = `web-${ordinal}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}-${revision}`,
      resourceVersion: "2",
      labels: { app: "nginx", "controller-revision-hash": revision },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "sts-uid", controller: true }],
      ...(opts.deleting ? { deletionTimestamp: "2025-06-01T07:59:00Z" } : {}),
    },
    spec: { hostname: name, subdomain: "nginx", containers: [{ name: "nginx", image: "x" }] },
    status: { phase: opts.phase ?? "Running", conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True", lastTransitionTime: "2025-06-01T07:00:00Z" }] },
  };
}

function env(set: StatefulSetObject, pods: PodObject[] = [], revisions: Revision[] = [rev("web-new", "nginx:2", 1)]) {
  const api = recordingApi();
  const events: string[] = [];
  const d: StatefulSetDeps = {
    client: api.client,
    sets: cacheOf([set]),
    pods: cacheOf(pods),
    claims: cacheOf([]),
    revisions: cacheOf(revisions),
    recorder: { record: (_o, type, reason, message) => void events.push(`${type} ${reason} ${message}`) },
    clock: new FakeClock(NOW),
    log: createLogger("error"),
  };
  return {
    api,
    d,
    events,
    created: () => api.of("POST", "/pods").map((w) => w.body),
    deleted: () => api.of("DELETE", "/pods/").map((w) => w.path.split("/").at(-1)),
    status: () => api.of("PUT", "/status").at(-1)?.body.status,
  };
}

describe("syncStatefulSet", () => {
  test("OrderedReady creates web-0 first, with its identity, labels and claim", async () => {
    const e = env(sts(), [], []);
    await syncStatefulSet(e.d, "default/web");
    const revision = e.api.of("POST", "/controllerrevisions")[0]!.body;
    expect(revision.metadata.labels["controller.kubernetes.io/hash"]).toBeDefined();
    const pods = e.created();
    expect(pods.map((p) => p.metadata.name)).toEqual(["web-0"]);
    const p = pods[0];
    expect(p.metadata.labels).toEqual({ app: "nginx", "controller-revision-hash": revision.metadata.name, "statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0" });
    expect(p.spec.hostname).toBe("web-0");
    expect(p.spec.subdomain).toBe("nginx");
    expect(p.spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } }]);
    const claim = e.api.of("POST", "/persistentvolumeclaims")[0]!.body;
    expect(claim.metadata).toMatchObject({ name: "www-web-0", labels: { app: "nginx" } });
    expect(e.events).toContain("Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success");
    expect(e.events).toContain("Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful");
  });

  test("the next ordinal waits until the previous pod is Running and Ready", async () => {
    const waiting = env(sts(), [pod(0, "web-new", { ready: false })]);
    await syncStatefulSet(waiting.d, "default/web");
    expect(waiting.created()).toEqual([]);
    const ready = env(sts(), [pod(0, "web-new")]);
    await syncStatefulSet(ready.d, "default/web");
    expect(ready.created().map((p) => p.metadata.name)).toEqual(["web-1"]);
  });

  test("Parallel creates every missing pod at once", async () => {
    const e = env(sts({ podManagementPolicy: "Parallel" }));
    await syncStatefulSet(e.d, "default/web");
    expect(e.created().map((p) => p.metadata.name)).toEqual(["web-0", "web-1", "web-2"]);
  });

  test("scaling down removes the highest ordinal first, one at a time", async () => {
    const e = env(sts({ replicas: 1 }), [pod(0, "web-new"), pod(1, "web-new"), pod(2, "web-new")]);
    await syncStatefulSet(e.d, "default/web");
    expect(e.deleted()).toEqual(["web-2"]);
    expect(e.events).toContain("Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful");
    const next = env(sts({ replicas: 1 }), [pod(0, "web-new"), pod(1, "web-new"), pod(2, "web-new", { deleting: true })]);
    await syncStatefulSet(next.d, "default/web");
    expect(next.deleted()).toEqual([]);
  });

  test("a rolling update replaces the highest ordinal not at the update revision, after its successor is healthy", async () => {
    const revisions = [rev("web-old", "nginx:1", 1), rev("web-new", "nginx:2", 2)];
    const set = sts({}, "nginx:2", { replicas: 3, currentRevision: "web-old", updateRevision: "web-old", currentReplicas: 3 });
    const first = env(set, [pod(0, "web-old"), pod(1, "web-old"), pod(2, "web-old")], revisions);
    await syncStatefulSet(first.d, "default/web");
    expect(first.deleted()).toEqual(["web-2"]);
    const second = env(set, [pod(0, "web-old"), pod(1, "web-old"), pod(2, "web-new")], revisions);
    await syncStatefulSet(second.d, "default/web");
    expect(second.deleted()).toEqual(["web-1"]);
    const waits = env(set, [pod(0, "web-old"), pod(1, "web-old"), pod(2, "web-new", { ready: false })], revisions);
    await syncStatefulSet(waits.d, "default/web");
    expect(waits.deleted()).toEqual([]);
  });

  test("a missing pod below the partition is created at the current revision, at or above it at the update revision", async () => {
    const revisions = [rev("web-old", "nginx:1", 1), rev("web-new", "nginx:2", 2)];
    const set = sts({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } }, podManagementPolicy: "Parallel" }, "nginx:2", { replicas: 1, currentRevision: "web-old" });
    const e = env(set, [pod(2, "web-old")], revisions);
    await syncStatefulSet(e.d, "default/web");
    expect(e.created().map((p) => `${p.metadata.name}@${p.metadata.labels["controller-revision-hash"]}:${p.spec.containers[0].image}`)).toEqual(["web-0@web-old:nginx:1", "web-1@web-old:nginx:1"]);
  });

  test("a finished rolling update makes the update revision current", async () => {
    const revisions = [rev("web-old", "nginx:1", 1), rev("web-new", "nginx:2", 2)];
    const set = sts({}, "nginx:2", { replicas: 3, currentRevision: "web-old" });
    const e = env(set, [pod(0, "web-new"), pod(1, "web-new"), pod(2, "web-new")], revisions);
    await syncStatefulSet(e.d, "default/web");
    expect(e.status()).toEqual({ observedGeneration: 3, currentRevision: "web-new", updateRevision: "web-new", collisionCount: 0, replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(e.api.of("DELETE", "/controllerrevisions/")).toHaveLength(0);
  });

  test("OnDelete never deletes pods for an update", async () => {
    const revisions = [rev("web-old", "nginx:1", 1), rev("web-new", "nginx:2", 2)];
    const set = sts({ updateStrategy: { type: "OnDelete" } }, "nginx:2", { replicas: 3, currentRevision: "web-old" });
    const e = env(set, [pod(0, "web-old"), pod(1, "web-old"), pod(2, "web-old")], revisions);
    await syncStatefulSet(e.d, "default/web");
    expect(e.deleted()).toEqual([]);
  });

  test("a failed pod is deleted and recreated with a warning", async () => {
    const e = env(sts(), [pod(0, "web-new", { phase: "Failed" })]);
    await syncStatefulSet(e.d, "default/web");
    expect(e.deleted()).toEqual(["web-0"]);
    expect(e.created().map((p) => p.metadata.name)).toEqual(["web-0"]);
    expect(e.events).toContain("Warning RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-0");
  });

  test("history beyond revisionHistoryLimit is pruned, oldest unused first", async () => {
    const revisions = [rev("web-a", "nginx:0", 1), rev("web-b", "nginx:1", 2), rev("web-new", "nginx:2", 3)];
    const e = env(sts({ revisionHistoryLimit: 0 }), [pod(0, "web-new"), pod(1, "web-new"), pod(2, "web-new")], revisions);
    await syncStatefulSet(e.d, "default/web");
    expect(e.api.of("DELETE", "/controllerrevisions/").map((w) => w.path.split("/").at(-1))).toEqual(["web-a", "web-b"]);
  });
});
