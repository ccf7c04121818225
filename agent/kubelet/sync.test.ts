import { describe, expect, test } from "bun:test";
import { Client } from "../../shared/client/index.ts";
import { createLogger } from "../../shared/log.ts";
import { simHarness, testPod } from "../runtime/sim/testing.ts";
import type { PodObject, PodSource } from "./source.ts";
import { StatusWriter } from "./status-writer.ts";
import { PodSyncer } from "./sync.ts";

/** A pod API in a Map: GET, PUT …/status (resourceVersion checked) and DELETE, with a request log. */
function fakeApi() {
  const pods = new Map<string, PodObject>();
  const requests: string[] = [];
  let rv = 10;
  const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { "content-type": "application/json" } });
  const fetch = async (req: Request) => {
    const m = new URL(req.url).pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(\/status)?$/);
    requests.push(`${req.method} ${new URL(req.url).pathname}`);
    const key = `${m?.[1]}/${m?.[2]}`;
    const cur = pods.get(key);
    if (!m || !cur) return json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound", code: 404 }, 404);
    if (req.method === "GET") return json(cur);
    if (req.method === "DELETE") {
      pods.delete(key);
      return json(cur);
    }
    const body = (await req.json()) as PodObject;
    if (body.metadata.resourceVersion !== cur.metadata.resourceVersion) return json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Conflict", code: 409 }, 409);
    const next = { ...cur, status: body.status, metadata: { ...cur.metadata, resourceVersion: String(++rv) } };
    pods.set(key, next);
    return json(next);
  };
  const put = (pod: ReturnType<typeof testPod>) => {
    const p = { ...pod, apiVersion: "v1", kind: "Pod", metadata: { ...pod.metadata, resourceVersion: String(++rv) } } as PodObject;
    pods.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
    return p;
  };
  return { pods, requests, put, client: new Client({ baseUrl: "http://kubun.test", fetch }) };
}

/** A pod source reading the fake API's map directly (an informer that is always up to date). */
function mapSource(pods: Map<string, PodObject>): PodSource {
  return { get: (k) => pods.get(k), list: () => [...pods.values()], on: () => () => {}, waitForSync: async () => {}, stop: async () => {} };
}

function setup() {
  const api = fakeApi();
  const h = simHarness({ startupDelayMs: 100, jitter: 0 });
  const writer = new StatusWriter(api.client);
  const syncer = new PodSyncer({ client: api.client, runtime: h.runtime, pods: mapSource(api.pods), writer, clock: h.clock, hostIP: () => "172.30.0.1", log: createLogger("error", {}, () => true) });
  return { api, h, writer, syncer };
}

const statusWrites = (requests: string[]) => requests.filter((r) => r.startsWith("PUT") && r.endsWith("/status")).length;

describe("pod sync", () => {
  test("a pod is created in the runtime and its status is written only when it changed", async () => {
    const { api, h, syncer } = setup();
    api.put(testPod("web"));
    await syncer.sync("default/web");
    expect(await h.runtime.listPods()).toHaveLength(1);
    expect(statusWrites(api.requests)).toBe(1);
    expect(api.pods.get("default/web")!.status!.phase).toBe("Pending");

    await syncer.sync("default/web");
    h.clock.advance(99); // time passes, the container is still being created: no write
    await syncer.sync("default/web");
    expect(statusWrites(api.requests)).toBe(1);

    h.clock.advance(1);
    await syncer.sync("default/web");
    expect(statusWrites(api.requests)).toBe(2);
    expect(api.pods.get("default/web")!.status!.phase).toBe("Running");
    await syncer.sync("default/web");
    expect(statusWrites(api.requests)).toBe(2);
  });

  test("a stale cache entry is not written over: the writer compares with what it wrote", async () => {
    const { api, h, writer } = setup();
    const created = api.put(testPod("web"));
    const stale = new Map([["default/web", created]]);
    const syncer = new PodSyncer({ client: api.client, runtime: h.runtime, pods: mapSource(stale), writer, clock: h.clock, hostIP: () => "172.30.0.1", log: createLogger("error", {}, () => true) });
    await syncer.sync("default/web");
    await syncer.sync("default/web");
    expect(statusWrites(api.requests)).toBe(1);
    expect(api.requests.filter((r) => r.startsWith("GET"))).toHaveLength(0);
  });

  test("a conflicting write re-reads the pod and asks to sync again", async () => {
    const { api, h, writer } = setup();
    const created = api.put(testPod("web"));
    api.put({ ...created, metadata: { ...created.metadata } }); // someone else wrote: newer resourceVersion
    const stale = new Map([["default/web", created]]);
    const syncer = new PodSyncer({ client: api.client, runtime: h.runtime, pods: mapSource(stale), writer, clock: h.clock, hostIP: () => "172.30.0.1", log: createLogger("error", {}, () => true) });
    expect(await syncer.sync("default/web")).toEqual({ requeueAfterMs: 0 });
    await syncer.sync("default/web");
    expect(api.pods.get("default/web")!.status!.phase).toBe("Pending");
  });

  test("a terminating pod is stopped, reported stopped, then deleted with grace 0 and its uid as precondition", async () => {
    const { api, h, syncer } = setup();
    const pod = api.put(testPod("bye"));
    await syncer.sync("default/bye");
    h.clock.advance(100);
    await syncer.sync("default/bye");
    expect(api.pods.get("default/bye")!.status!.phase).toBe("Running");
    const written = api.pods.get("default/bye")!;
    api.put({ ...written, metadata: { ...written.metadata, deletionTimestamp: "2026-11-22T00:00:30Z", deletionGracePeriodSeconds: 30 } });
    const deletes: unknown[] = [];
    const orig = api.client.delete.bind(api.client);
    api.client.delete = ((res, name, opts) => {
      deletes.push({ name, ...opts });
      return orig(res, name, opts);
    }) as typeof api.client.delete;
    const before = api.requests.length;
    await syncer.sync("default/bye");
    expect(api.requests.slice(before)).toEqual(["PUT /api/v1/namespaces/default/pods/bye/status", "DELETE /api/v1/namespaces/default/pods/bye"]);
    expect(await h.runtime.listPods()).toHaveLength(0);
    expect(deletes).toEqual([{ name: "bye", namespace: "default", gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }]);
    expect(api.pods.has("default/bye")).toBe(false);
  });

  test("a pod gone from the API is removed from the runtime; a finished pod is not started again", async () => {
    const { api, h, syncer } = setup();
    api.put(testPod("gone"));
    await syncer.sync("default/gone");
    api.pods.delete("default/gone");
    await syncer.sync("default/gone");
    expect(await h.runtime.listPods()).toHaveLength(0);

    api.put({ ...testPod("done", { restartPolicy: "Never" }), status: { phase: "Succeeded" } });
    await syncer.sync("default/done");
    expect(await h.runtime.listPods()).toHaveLength(0);
    expect(statusWrites(api.requests)).toBe(1);
  });

  test("a pod replaced by one of the same name has its old runtime pod stopped", async () => {
    const { api, h, syncer } = setup();
    const first = api.put(testPod("same"));
    await syncer.sync("default/same");
    const second = api.put(testPod("same"));
    await syncer.sync("default/same");
    expect((await h.runtime.listPods()).map((p) => p.uid)).toEqual([second.metadata.uid]);
    expect(first.metadata.uid).not.toBe(second.metadata.uid);
  });
});
