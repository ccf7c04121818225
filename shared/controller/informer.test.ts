import { afterEach, describe, expect, test } from "bun:test";
import { Client } from "../client/index.ts";
import { Informer, onEveryChange } from "./informer.ts";
import { scriptedApi, waitUntil } from "./testing.ts";

const CM = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const cm = (name: string, rv: string, data: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: rv }, data });
const STATUS_410 = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Expired", code: 410, message: "too old resource version: 10 (15)" };

let informer: Informer | undefined;
afterEach(async () => {
  await informer?.stop();
  informer = undefined;
});

function start(api: ReturnType<typeof scriptedApi>) {
  const client = new Client({ baseUrl: "http://fake", fetch: api.fetch });
  informer = new Informer(client, CM, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const events: string[] = [];
  informer.on({
    add: (o) => events.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`),
    update: (old, o) => events.push(`update ${o.metadata.name}@${old.metadata.resourceVersion}->${o.metadata.resourceVersion}`),
    delete: (o) => events.push(`delete ${o.metadata.name}`),
  });
  informer.start();
  return { informer, events };
}

const watchRequests = (api: ReturnType<typeof scriptedApi>) => api.requests.filter((u) => u.searchParams.get("watch"));

describe("Informer", () => {
  test("lists, then watches from the list's resourceVersion and keeps the cache", async () => {
    const api = scriptedApi();
    api.list([cm("a", "5")], "10");
    const w = api.watch();
    const { informer, events } = start(api);
    await informer.waitForSync();
    expect(informer.get("default/a")?.metadata.resourceVersion).toBe("5");
    w.send("ADDED", cm("b", "11"));
    w.send("MODIFIED", cm("a", "12"));
    w.send("DELETED", cm("b", "13"));
    await waitUntil("three events", () => events.length === 4);
    expect(events).toEqual(["add a@5", "add b@11", "update a@5->12", "delete b"]);
    expect(informer.keys()).toEqual(["default/a"]);
    expect(watchRequests(api)[0].searchParams.get("resourceVersion")).toBe("10");
    expect(watchRequests(api)[0].searchParams.get("allowWatchBookmarks")).toBe("true");
  });

  test("a 410 Expired event relists: vanished objects are deleted, changed ones updated, new ones added", async () => {
    const api = scriptedApi();
    api.list([cm("a", "5"), cm("b", "6")], "10");
    const w1 = api.watch();
    api.list([cm("b", "14"), cm("c", "15")], "20");
    api.watch();
    const { informer, events } = start(api);
    await informer.waitForSync();
    w1.send("ERROR", STATUS_410);
    await waitUntil("the relist", () => informer.lists === 2 && watchRequests(api).length === 2);
    expect(events).toEqual(["add a@5", "add b@6", "update b@6->14", "add c@15", "delete a"]);
    expect(informer.keys().sort()).toEqual(["default/b", "default/c"]);
    expect(watchRequests(api)[1].searchParams.get("resourceVersion")).toBe("20");
  });

  test("a 410 answer to the watch request relists too", async () => {
    const api = scriptedApi();
    api.list([cm("a", "5")], "10");
    api.watchFails(410, "Expired");
    api.list([], "30");
    api.watch();
    const { informer, events } = start(api);
    await waitUntil("the relist", () => informer.lists === 2 && watchRequests(api).length === 2);
    expect(events).toEqual(["add a@5", "delete a"]);
    expect(informer.resourceVersion).toBe("30");
  });

  test("a watch that ends is resumed from the last seen resourceVersion without a relist", async () => {
    const api = scriptedApi();
    api.list([], "10");
    const w1 = api.watch();
    api.watch();
    const { informer } = start(api);
    await informer.waitForSync();
    w1.send("ADDED", cm("a", "11"));
    w1.send("BOOKMARK", { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: "17" } });
    w1.close();
    await waitUntil("the second watch", () => watchRequests(api).length === 2);
    expect(watchRequests(api)[1].searchParams.get("resourceVersion")).toBe("17");
    expect(informer.lists).toBe(1);
  });

  test("a failed list is retried", async () => {
    const api = scriptedApi();
    const failing = [() => new Response("boom", { status: 503 })];
    const client = new Client({ baseUrl: "http://fake", fetch: async (req) => (new URL(req.url).searchParams.get("watch") ? api.fetch(req) : (failing.shift()?.() ?? api.fetch(req))) });
    api.list([cm("a", "5")], "10");
    informer = new Informer(client, CM, { retry: { baseDelayMs: 1, maxDelayMs: 5 } }).start();
    await informer.waitForSync();
    expect(informer.keys()).toEqual(["default/a"]);
    expect(failing).toEqual([]);
  });

  test("cached objects are frozen, and a late subscriber hears about them as adds", async () => {
    const api = scriptedApi();
    api.list([cm("a", "5", { k: "v" })], "10");
    api.watch();
    const { informer } = start(api);
    await informer.waitForSync();
    const cached = informer.get("default/a")!;
    expect(() => {
      (cached.data as Record<string, string>).k = "changed";
    }).toThrow();
    const late: string[] = [];
    informer.on({ add: (o) => late.push(o.metadata.name) });
    expect(late).toEqual(["a"]);
  });
});

test("onEveryChange calls back with the current object on add, update and delete", () => {
  const seen: string[] = [];
  const h = onEveryChange((o: { rv: string }) => void seen.push(o.rv));
  h.add({ rv: "1" });
  h.update({ rv: "1" }, { rv: "2" });
  h.delete({ rv: "3" });
  expect(seen).toEqual(["1", "2", "3"]);
});
