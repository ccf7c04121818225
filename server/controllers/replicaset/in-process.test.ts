import { afterEach, describe, expect, test } from "bun:test";
import type { Event } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { eventsResource } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { controllerEnv } from "../testing.ts";
import { makeReady } from "./testing.ts";
import { PODS, REPLICASETS, type PodObject, type ReplicaSetObject } from "./types.ts";

let env: Awaited<ReturnType<typeof controllerEnv>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const replicaSet = (name: string, replicas: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name, namespace: "default" },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
});

async function podsOf(name: string): Promise<PodObject[]> {
  const { items } = await env!.client.list<PodObject>(PODS, { namespace: "default", labelSelector: `app=${name}` });
  return items.filter((p) => !p.metadata.deletionTimestamp);
}

const waitForPods = (name: string, n: number) => waitUntil(`${n} pods of ${name}`, async () => ((await podsOf(name)).length === n ? podsOf(name) : undefined));

describe("ReplicaSet controller in process", () => {
  test("a ReplicaSet of 3 gets 3 pods named after it; a deleted pod is replaced", async () => {
    env = await controllerEnv();
    const { client } = env;
    const rs = await client.create<ReplicaSetObject>(REPLICASETS, replicaSet("web", 3));
    const pods = await waitForPods("web", 3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await client.delete(PODS, pods[0]!.metadata.name, { namespace: "default" });
    const after = await waitUntil("a replacement", async () => {
      const now = await podsOf("web");
      return now.length === 3 && !now.some((p) => p.metadata.name === pods[0]!.metadata.name) ? now : undefined;
    });
    expect(after.length).toBe(3);
    const events = await waitUntil("4 SuccessfulCreate events", async () => {
      const { items } = await client.list<Event & KubeObject>(eventsResource, { namespace: "default", fieldSelector: "involvedObject.name=web,reason=SuccessfulCreate" });
      return items.length === 4 ? items : undefined;
    });
    expect(events.every((e) => e.source?.component === "replicaset-controller" && e.message?.startsWith("Created pod: web-"))).toBe(true);
  });

  test("status follows readiness, and scaling down deletes the surplus with SuccessfulDelete events", async () => {
    env = await controllerEnv();
    const { client } = env;
    await client.create(REPLICASETS, replicaSet("api", 3));
    const pods = await waitForPods("api", 3);
    await makeReady(client, pods[0]!);
    await makeReady(client, pods[1]!);
    await waitUntil("readyReplicas 2", async () => {
      const rs = await client.get<ReplicaSetObject>(REPLICASETS, "api", { namespace: "default" });
      return rs.status?.replicas === 3 && rs.status.readyReplicas === 2 && rs.status.availableReplicas === 2 && rs.status.observedGeneration === 1;
    });
    await client.patch(REPLICASETS, "api", { spec: { replicas: 1 } }, { type: "merge", namespace: "default" });
    const left = await waitForPods("api", 1);
    // the pod that never became ready goes first
    expect(left[0]!.metadata.name === pods[2]!.metadata.name).toBe(false);
    await waitUntil("status of 1", async () => {
      const rs = await client.get<ReplicaSetObject>(REPLICASETS, "api", { namespace: "default" });
      return rs.status?.replicas === 1 && rs.status.observedGeneration === 2;
    });
    const { items } = await client.list<Event & KubeObject>(eventsResource, { namespace: "default", fieldSelector: "involvedObject.name=api,reason=SuccessfulDelete" });
    expect(items.map((e) => e.message).sort()).toEqual(pods.filter((p) => p.metadata.name !== left[0]!.metadata.name).map((p) => `Deleted pod: ${p.metadata.name}`).sort());
  });
});
