import { afterEach, describe, expect, test } from "bun:test";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { inProcess, type InProcessEnv } from "../job/testing.ts";
import { startStatefulSetController } from "./index.ts";
import { PODS, PVCS, STATEFULSETS, type PodObject } from "./types.ts";

let env: InProcessEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ready = (p: PodObject) => p.status?.phase === "Running" && !!p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
const names = (pods: PodObject[]) => pods.map((p) => p.metadata.name).sort();

/** Pod names in the order the API reports them deleted, from a watch started now. */
async function watchDeletes(e: InProcessEnv) {
  const { resourceVersion } = await e.client.list(PODS, { namespace: "default" });
  const stream = await e.client.watch<PodObject>(PODS, { namespace: "default", resourceVersion });
  const deleted: string[] = [];
  void (async () => {
    for await (const ev of stream) if (ev.type === "DELETED") deleted.push(ev.object.metadata.name);
  })().catch(() => {});
  return { deleted, stop: () => stream.stop() };
}

describe("StatefulSet controller in process", () => {
  test("web-0, web-1, web-2 come up in order; a rolling update replaces them in reverse; scaling down removes web-2 first", async () => {
    env = await inProcess((d) => [startStatefulSetController(d)]);
    const e = env;
    await e.create(STATEFULSETS, {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", namespace: "default" },
      spec: {
        replicas: 3,
        serviceName: "nginx",
        selector: { matchLabels: { app: "nginx" } },
        template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1" }] } },
        volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      },
    });
    for (let i = 0; i < 3; i++) {
      const pods = await e.until(`web-${i}`, async () => {
        const p = await e.list(PODS);
        return p.length === i + 1 ? p : undefined;
      });
      expect(names(pods)).toEqual(Array.from({ length: i + 1 }, (_, k) => `web-${k}`));
      const p = pods.find((x) => x.metadata.name === `web-${i}`)!;
      expect(p.spec?.hostname).toBe(`web-${i}`);
      expect(p.spec?.subdomain).toBe("nginx");
      expect(p.metadata.labels).toMatchObject({ "statefulset.kubernetes.io/pod-name": `web-${i}`, "apps.kubernetes.io/pod-index": String(i) });
      await e.setPhase(p, "Running");
    }
    expect(names(await e.list(PVCS))).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    const settled = await e.until("readyReplicas 3", async () => {
      const s = await e.client.get<StoredObject & StatefulSet>(STATEFULSETS, "web", { namespace: "default" });
      return s.status?.readyReplicas === 3 ? s : undefined;
    });
    expect(settled.status).toMatchObject({ replicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(settled.status?.currentRevision).toBe(settled.status?.updateRevision);

    const rollout = await watchDeletes(e);
    await e.client.patch(STATEFULSETS, "web", { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:2" }] } } } }, { type: "strategic", namespace: "default" });
    const updated = await e.until("every pod at nginx:2 and ready", async () => {
      const pods = await e.list(PODS);
      for (const p of pods) if (p.spec?.containers[0]?.image === "nginx:2" && !ready(p) && !p.metadata.deletionTimestamp) await e.setPhase(p, "Running");
      const s = await e.client.get<StoredObject & StatefulSet>(STATEFULSETS, "web", { namespace: "default" });
      return pods.length === 3 && pods.every((p) => p.spec?.containers[0]?.image === "nginx:2" && ready(p)) && s.status?.currentRevision === s.status?.updateRevision && s.status?.updatedReplicas === 3 ? s : undefined;
    });
    rollout.stop();
    expect(rollout.deleted).toEqual(["web-2", "web-1", "web-0"]);
    expect(updated.status?.currentRevision).not.toBe(settled.status?.currentRevision);

    const scale = await watchDeletes(e);
    await e.client.patch(STATEFULSETS, "web", { spec: { replicas: 1 } }, { type: "merge", namespace: "default" });
    await e.until("one pod left", async () => (await e.list(PODS)).length === 1);
    scale.stop();
    expect(scale.deleted).toEqual(["web-2", "web-1"]);
    expect(names(await e.list(PODS))).toEqual(["web-0"]);
    expect(names(await e.list(PVCS))).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
  });
});
