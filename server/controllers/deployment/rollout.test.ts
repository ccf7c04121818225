import { afterEach, describe, expect, test } from "bun:test";
import type { Event } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { eventsResource, Informer } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { controllerEnv } from "../testing.ts";
import { makeReady } from "../replicaset/testing.ts";
import { DEPLOYMENTS, PODS, type PodObject } from "../replicaset/types.ts";
import { activePodsOf, deploymentManifest, fakeKubelet, getDeployment, replicaSetsOf, rolledOut, undoPatch } from "./testing.ts";

let env: Awaited<ReturnType<typeof controllerEnv>> | undefined;
let kubelet: ReturnType<typeof fakeKubelet> | undefined;
afterEach(async () => {
  await kubelet?.stop();
  await env?.close();
  env = kubelet = undefined;
});

async function start() {
  env = await controllerEnv();
  kubelet = fakeKubelet(env.client);
  return { client: env.client, kubelet };
}

const rolloutDone = (name: string) => waitUntil(`deployment ${name} rolled out`, async () => rolledOut(await getDeployment(env!.client, name)));

async function eventMessages(name: string, reason: string): Promise<string[]> {
  const { items } = await env!.client.list<Event & KubeObject>(eventsResource, { namespace: "default", fieldSelector: `involvedObject.name=${name},reason=${reason}` });
  return items.sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1)).map((e) => e.message!);
}

const setImage = (name: string, image: string) =>
  env!.client.patch(DEPLOYMENTS, name, { spec: { template: { spec: { containers: [{ name: "nginx", image }] } } } }, { type: "strategic", namespace: "default" });

describe("Deployment controller in process", () => {
  test("a Deployment of 3 rolls out one ReplicaSet <name>-<hash> with revision 1 and complete status", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("nginx", { annotations: { "kubernetes.io/change-cause": "first" } }));
    await rolloutDone("nginx");
    const [rs, ...more] = await replicaSetsOf(client, "nginx");
    expect(more).toEqual([]);
    const hash = rs!.metadata.labels!["pod-template-hash"]!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs!.metadata.name).toBe(`nginx-${hash}`);
    expect(rs!.spec!.selector).toEqual({ matchLabels: { app: "nginx", "pod-template-hash": hash } });
    expect(rs!.metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
      "kubernetes.io/change-cause": "first",
    });
    const d = await getDeployment(client, "nginx");
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", name: "nginx", uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    for (const p of await activePodsOf(client, "nginx")) expect(p.metadata.name).toMatch(new RegExp(`^nginx-${hash}-[a-z0-9]{5}$`));
    await waitUntil("the Progressing condition to say complete", async () => {
      const s = (await getDeployment(client, "nginx")).status!;
      return s.conditions?.find((c) => c.type === "Progressing")?.reason === "NewReplicaSetAvailable" ? s : undefined;
    }).then((s) => {
      expect(s).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
      expect(s.unavailableReplicas).toBeUndefined();
      expect(s.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
        ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
        ["Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "nginx-${hash}" has successfully progressed.`],
      ]);
    });
    expect(await eventMessages("nginx", "ScalingReplicaSet")).toEqual([`Scaled up replica set nginx-${hash} to 3`]);
  });

  test("set image rolls out a second ReplicaSet one pod at a time within maxSurge 1 and maxUnavailable 0", async () => {
    const { client, kubelet } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("web"));
    await rolloutDone("web");
    kubelet.hold();
    await setImage("web", "nginx:1.16.1");
    const sizes = async () => (await replicaSetsOf(client, "web")).map((rs) => rs.spec!.replicas);
    // one surge pod, and no old pod goes before it is available
    await waitUntil("the new ReplicaSet at 1", async () => (await replicaSetsOf(client, "web")).length === 2 && (await sizes())[1] === 1);
    const pods = await waitUntil("4 pods", async () => ((await activePodsOf(client, "web")).length === 4 ? activePodsOf(client, "web") : undefined));
    expect(await sizes()).toEqual([3, 1]);
    const [oldRS, newRS] = await replicaSetsOf(client, "web");
    const newPod = pods.find((p) => p.metadata.labels!["pod-template-hash"] === newRS!.metadata.labels!["pod-template-hash"])!;
    await makeReady(client, newPod);
    await waitUntil("old 2, new 2", async () => JSON.stringify(await sizes()) === "[2,2]");
    expect((await activePodsOf(client, "web")).length).toBeLessThanOrEqual(4);
    kubelet.release();
    await rolloutDone("web");
    expect(await sizes()).toEqual([0, 3]);
    expect(newRS!.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect((await getDeployment(client, "web")).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    const o = oldRS!.metadata.name;
    const n = newRS!.metadata.name;
    expect(await eventMessages("web", "ScalingReplicaSet")).toEqual([
      `Scaled up replica set ${o} to 3`,
      `Scaled up replica set ${n} to 1`,
      `Scaled down replica set ${o} to 2 from 3`,
      `Scaled up replica set ${n} to 2 from 1`,
      `Scaled down replica set ${o} to 1 from 2`,
      `Scaled up replica set ${n} to 3 from 2`,
      `Scaled down replica set ${o} to 0 from 1`,
    ]);
  });

  test("undo to revision 1 makes the first ReplicaSet current again with revision 3", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("app", { annotations: { "kubernetes.io/change-cause": "v1" } }));
    await rolloutDone("app");
    await client.patch(DEPLOYMENTS, "app", { metadata: { annotations: { "kubernetes.io/change-cause": "v2" } }, spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.16.1" }] } } } }, { type: "strategic", namespace: "default" });
    await waitUntil("two revisions rolled out", async () => (await replicaSetsOf(client, "app")).length === 2 && rolledOut(await getDeployment(client, "app")));
    const [first, second] = await replicaSetsOf(client, "app");
    expect(second!.metadata.annotations?.["kubernetes.io/change-cause"]).toBe("v2");
    const d = await getDeployment(client, "app");
    await client.patch(DEPLOYMENTS, "app", undoPatch(d, first!), { type: "json", namespace: "default" });
    await waitUntil("revision 3 on the first ReplicaSet", async () => {
      const rs = (await replicaSetsOf(client, "app")).find((r) => r.metadata.uid === first!.metadata.uid)!;
      return rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === "3";
    });
    await waitUntil("rolled back", async () => {
      const dd = await getDeployment(client, "app");
      return rolledOut(dd) && dd.metadata.annotations?.["deployment.kubernetes.io/revision"] === "3";
    });
    const all = await replicaSetsOf(client, "app");
    expect(all.map((rs) => [rs.metadata.name, rs.spec!.replicas, rs.metadata.annotations?.["deployment.kubernetes.io/revision"], rs.metadata.annotations?.["deployment.kubernetes.io/revision-history"]])).toEqual([
      [second!.metadata.name, 0, "2", undefined],
      [first!.metadata.name, 3, "3", "1"],
    ]);
    expect((await getDeployment(client, "app")).metadata.annotations?.["kubernetes.io/change-cause"]).toBe("v1");
    expect(all.every((rs) => rs.metadata.annotations?.["kubernetes.io/change-cause"] !== undefined)).toBe(true);
  });

  test("Recreate scales the old ReplicaSet to 0 and creates the new one only once the old pods are gone", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("db", { replicas: 2, strategy: { type: "Recreate" } }));
    await rolloutDone("db");
    // Every pod event, in order: never pods of two templates at once.
    const pods = new Informer<PodObject>(client, PODS, { namespace: "default", labelSelector: "app=db" });
    let maxTemplates = 0;
    const observe = () => {
      const hashes = new Set(pods.list().filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.labels!["pod-template-hash"]));
      maxTemplates = Math.max(maxTemplates, hashes.size);
    };
    pods.on({ add: observe, update: observe, delete: observe });
    await pods.start().waitForSync();
    await setImage("db", "postgres:17");
    await waitUntil("the second ReplicaSet rolled out", async () => (await replicaSetsOf(client, "db")).length === 2 && rolledOut(await getDeployment(client, "db")));
    await pods.stop();
    expect(maxTemplates).toBe(1);
    const [oldRS, newRS] = await replicaSetsOf(client, "db");
    expect(await eventMessages("db", "ScalingReplicaSet")).toEqual([
      `Scaled up replica set ${oldRS!.metadata.name} to 2`,
      `Scaled down replica set ${oldRS!.metadata.name} to 0 from 2`,
      `Scaled up replica set ${newRS!.metadata.name} to 2`,
    ]);
  });

  test("a deleted pod of a Deployment is replaced", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("cache", { replicas: 2 }));
    await rolloutDone("cache");
    const [victim] = await activePodsOf(client, "cache");
    await client.delete(PODS, victim!.metadata.name, { namespace: "default" });
    await waitUntil("a replacement", async () => {
      const pods = await activePodsOf(client, "cache");
      return pods.length === 2 && !pods.some((p) => p.metadata.name === victim!.metadata.name);
    });
    await rolloutDone("cache");
  });

  test("paused: a template change waits, scaling still applies; resume rolls the change out", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("api", { replicas: 2 }));
    await rolloutDone("api");
    await client.patch(DEPLOYMENTS, "api", { spec: { paused: true } }, { type: "strategic", namespace: "default" });
    await waitUntil("DeploymentPaused", async () => (await getDeployment(client, "api")).status?.conditions?.some((c) => c.type === "Progressing" && c.status === "Unknown" && c.reason === "DeploymentPaused" && c.message === "Deployment is paused"));
    await setImage("api", "nginx:1.16.1");
    await client.patch(DEPLOYMENTS, "api", { spec: { replicas: 4 } }, { type: "merge", namespace: "default", subresource: "scale" });
    await waitUntil("4 pods of the first template", async () => (await activePodsOf(client, "api")).length === 4 && rolledOut(await getDeployment(client, "api")) === false);
    await waitUntil("status observed", async () => {
      const d = await getDeployment(client, "api");
      return d.status?.observedGeneration === d.metadata.generation && d.status?.replicas === 4;
    });
    expect((await replicaSetsOf(client, "api")).length).toBe(1);
    await client.patch(DEPLOYMENTS, "api", { spec: { paused: null } }, { type: "strategic", namespace: "default" });
    await waitUntil("two ReplicaSets, rolled out", async () => (await replicaSetsOf(client, "api")).length === 2 && rolledOut(await getDeployment(client, "api")));
    const [oldRS, newRS] = await replicaSetsOf(client, "api");
    expect([oldRS!.spec!.replicas, newRS!.spec!.replicas]).toEqual([0, 4]);
    const progressing = (await getDeployment(client, "api")).status!.conditions!.find((c) => c.type === "Progressing")!;
    expect(progressing.reason).toBe("NewReplicaSetAvailable");
  });

  test("revisionHistoryLimit keeps only that many old ReplicaSets", async () => {
    const { client } = await start();
    await client.create(DEPLOYMENTS, deploymentManifest("hist", { replicas: 1, spec: { revisionHistoryLimit: 1 } }));
    for (const tag of ["1", "2", "3"]) {
      await setImage("hist", `nginx:${tag}`);
      await waitUntil(`image ${tag} rolled out`, async () => {
        const d = await getDeployment(client, "hist");
        return rolledOut(d) && (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
      });
    }
    const left = await waitUntil("two ReplicaSets left", async () => {
      const all = await replicaSetsOf(client, "hist");
      return all.length === 2 ? all : undefined;
    });
    expect(left.map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"])).toEqual(["3", "4"]);
  });
});
