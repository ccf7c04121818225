// The shared client and informer against the real in-process API (not a fake).
import { afterEach, describe, expect, test } from "bun:test";
import { Client, isConflict, isNotFound } from "../../shared/client/index.ts";
import { Informer } from "../../shared/controller/index.ts";
import { waitUntil } from "../../shared/controller/testing.ts";
import { TEST_TOKEN, testApi } from "../api/testing.ts";
import { CONFIGMAPS, configMap } from "./testing.ts";

let api: Awaited<ReturnType<typeof testApi>> | undefined;
let informer: Informer | undefined;
afterEach(async () => {
  await informer?.stop();
  informer = undefined;
  api?.close();
  api = undefined;
});

async function setup() {
  api = await testApi();
  const app = api.app;
  return new Client({ baseUrl: "http://kubun.test", fetch: (req) => app.fetch(req), token: TEST_TOKEN });
}

describe("client against the API", () => {
  test("create, get, list, update with a stale resourceVersion, patch, delete", async () => {
    const client = await setup();
    const created = await client.create(CONFIGMAPS, configMap("one"));
    expect((await client.get(CONFIGMAPS, "one", { namespace: "default" })).metadata.uid).toBe(created.metadata.uid);
    const list = await client.list(CONFIGMAPS, { namespace: "default", fieldSelector: "metadata.name=one" });
    expect(list.items.map((i) => i.metadata.name)).toEqual(["one"]);
    expect(Number(list.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata.resourceVersion));
    await client.update(CONFIGMAPS, { ...created, data: { k: "2" } });
    expect(isConflict(await client.update(CONFIGMAPS, { ...created, data: { k: "3" } }).catch((e) => e))).toBe(true);
    const patched = await client.patch(CONFIGMAPS, "one", { data: { k: "4" } }, { type: "strategic", namespace: "default" });
    expect(patched.data).toEqual({ k: "4" });
    const applied = await client.patch(CONFIGMAPS, "one", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one" }, data: { k: "5" } }, { type: "apply", namespace: "default", fieldManager: "test", force: true });
    expect(applied.data).toEqual({ k: "5" });
    await client.delete(CONFIGMAPS, "one", { namespace: "default", preconditions: { uid: created.metadata.uid } });
    expect(isNotFound(await client.get(CONFIGMAPS, "one", { namespace: "default" }).catch((e) => e))).toBe(true);
  });

  test("listAll follows continue tokens", async () => {
    const client = await setup();
    for (let i = 0; i < 7; i++) await client.create(CONFIGMAPS, configMap(`p${i}`));
    const all = await client.listAll(CONFIGMAPS, { namespace: "default", limit: 3 });
    expect(all.items.map((i) => i.metadata.name).sort()).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
  });

  test("watch delivers ADDED, MODIFIED and DELETED and stops on request", async () => {
    const client = await setup();
    const start = await client.list(CONFIGMAPS, { namespace: "default" });
    const w = await client.watch(CONFIGMAPS, { namespace: "default", resourceVersion: start.resourceVersion });
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of w) seen.push(`${ev.type} ${ev.type === "ERROR" || ev.type === "BOOKMARK" ? "" : ev.object.metadata.name}`);
    })();
    await client.create(CONFIGMAPS, configMap("w"));
    await client.patch(CONFIGMAPS, "w", { data: { k: "x" } }, { type: "merge", namespace: "default" });
    await client.delete(CONFIGMAPS, "w", { namespace: "default" });
    await waitUntil("three events", () => seen.length === 3);
    w.stop();
    await done;
    expect(seen).toEqual(["ADDED w", "MODIFIED w", "DELETED w"]);
  });
});

describe("informer against the API", () => {
  test("relists when its watch resumes from a compacted resourceVersion", async () => {
    const client = await setup();
    await client.create(CONFIGMAPS, configMap("mine", "default", { labels: { app: "x" } }));
    informer = new Informer(client, CONFIGMAPS, { labelSelector: "app=x", watchTimeoutSeconds: 1 }).start();
    await informer.waitForSync();
    expect(informer.keys()).toEqual(["default/mine"]);
    // Changes the informer does not see move the store on; then history is compacted away.
    for (let i = 0; i < 5; i++) await client.create(CONFIGMAPS, configMap(`other${i}`));
    await api!.backend.compact(api!.backend.currentRevision());
    // The watch ends after its 1 s timeout; resuming from the old version is 410 Expired.
    await waitUntil("the relist", () => informer!.lists >= 2);
    expect(informer.keys()).toEqual(["default/mine"]);
    await client.create(CONFIGMAPS, configMap("mine2", "default", { labels: { app: "x" } }));
    await waitUntil("the new object", () => informer!.get("default/mine2"));
  });
});
