import { afterEach, describe, expect, test } from "bun:test";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { Client } from "../../../shared/client/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { CONFIGMAPS, configMap, controllerEnv, ownerRef } from "../testing.ts";

let env: Awaited<ReturnType<typeof controllerEnv>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Names of ConfigMaps in `namespace` in the order the API deleted them. */
async function deletions(client: Client, namespace = "default") {
  const order: string[] = [];
  const w = await client.watch(CONFIGMAPS, { namespace });
  (async () => {
    for await (const ev of w) if (ev.type === "DELETED") order.push(ev.object.metadata.name);
  })();
  return { order, stop: () => w.stop() };
}

async function ownerWithDependents(client: Client, names: string[], meta: (owner: StoredObject) => Record<string, unknown> = (o) => ({ ownerReferences: [ownerRef(o)] })) {
  const owner = await client.create(CONFIGMAPS, configMap("owner"));
  for (const n of names) await client.create(CONFIGMAPS, configMap(n, "default", meta(owner)));
  return owner;
}

describe("garbage collector", () => {
  test("foreground deletion removes the dependents first and the owner after them", async () => {
    env = await controllerEnv();
    const { client } = env;
    await ownerWithDependents(client, ["dep-a"]);
    const owner = await client.get(CONFIGMAPS, "owner", { namespace: "default" });
    await client.create(CONFIGMAPS, configMap("dep-held", "default", { ownerReferences: [ownerRef(owner)], finalizers: ["example.com/hold"] }));
    const seen = await deletions(client);
    await client.delete(CONFIGMAPS, "owner", { namespace: "default", propagationPolicy: "Foreground" });
    await env.gone(CONFIGMAPS, "dep-a", "default");
    // The held dependent is being deleted but still there, so the owner waits.
    const held = await waitUntil("dep-held to be deleting", async () => ((await env!.find(CONFIGMAPS, "dep-held", "default"))?.metadata.deletionTimestamp ? true : undefined));
    expect(held).toBe(true);
    const waiting = await env.find(CONFIGMAPS, "owner", "default");
    expect(waiting?.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await client.patch(CONFIGMAPS, "dep-held", { metadata: { finalizers: null } }, { type: "merge", namespace: "default" });
    await env.gone(CONFIGMAPS, "owner", "default");
    await waitUntil("three deletions", () => seen.order.length === 3);
    expect(seen.order).toEqual(["dep-a", "dep-held", "owner"]);
    seen.stop();
  });

  test("foreground deletion goes down the tree: a dependent with dependents is itself deleted in the foreground", async () => {
    env = await controllerEnv();
    const { client } = env;
    const root = await client.create(CONFIGMAPS, configMap("root"));
    const mid = await client.create(CONFIGMAPS, configMap("mid", "default", { ownerReferences: [ownerRef(root)] }));
    await client.create(CONFIGMAPS, configMap("leaf", "default", { ownerReferences: [ownerRef(mid)] }));
    const seen = await deletions(client);
    await client.delete(CONFIGMAPS, "root", { namespace: "default", propagationPolicy: "Foreground" });
    await env.gone(CONFIGMAPS, "root", "default");
    await waitUntil("three deletions", () => seen.order.length === 3);
    expect(seen.order).toEqual(["leaf", "mid", "root"]);
    seen.stop();
  });

  test("orphan deletion keeps the dependents and strips their references to the owner", async () => {
    env = await controllerEnv();
    const { client } = env;
    const other = await client.create(CONFIGMAPS, configMap("other-owner"));
    await ownerWithDependents(client, ["keep-a", "keep-b"], (o) => ({ ownerReferences: [ownerRef(o), ownerRef(other, false)] }));
    await client.delete(CONFIGMAPS, "owner", { namespace: "default", propagationPolicy: "Orphan" });
    await env.gone(CONFIGMAPS, "owner", "default");
    for (const n of ["keep-a", "keep-b"]) {
      const dep = await client.get(CONFIGMAPS, n, { namespace: "default" });
      expect(dep.metadata.ownerReferences?.map((r) => r.name)).toEqual(["other-owner"]);
    }
  });

  test("background deletion removes the owner at once and the dependents after it", async () => {
    env = await controllerEnv();
    const { client } = env;
    await ownerWithDependents(client, ["bg-a", "bg-b"]);
    const seen = await deletions(client);
    await client.delete(CONFIGMAPS, "owner", { namespace: "default" });
    await env.gone(CONFIGMAPS, "bg-a", "default");
    await env.gone(CONFIGMAPS, "bg-b", "default");
    await waitUntil("three deletions", () => seen.order.length === 3);
    expect(seen.order[0]).toBe("owner");
    seen.stop();
  });

  test("a dependent whose only owner never existed is collected; one with a live owner only loses the dangling reference", async () => {
    env = await controllerEnv();
    const { client } = env;
    const live = await client.create(CONFIGMAPS, configMap("live"));
    const ghost = { apiVersion: "v1", kind: "ConfigMap", name: "ghost", uid: "00000000-0000-4000-8000-000000000000" };
    await client.create(CONFIGMAPS, configMap("orphaned", "default", { ownerReferences: [ghost] }));
    await client.create(CONFIGMAPS, configMap("half", "default", { ownerReferences: [ghost, ownerRef(live, false)] }));
    await env.gone(CONFIGMAPS, "orphaned", "default");
    const half = await waitUntil("the dangling reference to go", async () => {
      const o = await client.get(CONFIGMAPS, "half", { namespace: "default" });
      return o.metadata.ownerReferences?.length === 1 ? o : undefined;
    });
    expect(half.metadata.ownerReferences?.[0].name).toBe("live");
  });

  test("a reference to an owner in another namespace counts as absent", async () => {
    env = await controllerEnv();
    const { client } = env;
    const owner = await client.create(CONFIGMAPS, configMap("far-owner", "kube-public"));
    await client.create(CONFIGMAPS, configMap("cross", "default", { ownerReferences: [ownerRef(owner)] }));
    await env.gone(CONFIGMAPS, "cross", "default");
    expect(await env.find(CONFIGMAPS, "far-owner", "kube-public")).toBeDefined();
  });

  test("custom resources appear as owners once their CRD is served", async () => {
    env = await controllerEnv();
    const { client } = env;
    const crds = { group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false };
    await client.create(crds, {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
      },
    });
    const widgets = { group: "example.com", version: "v1", plural: "widgets", kind: "Widget", namespaced: true };
    const w = await waitUntil("the widget type", () => client.create(widgets, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default" } }).catch(() => undefined));
    await client.create(CONFIGMAPS, configMap("of-widget", "default", { ownerReferences: [ownerRef(w)] }));
    await client.delete(widgets, "w", { namespace: "default", propagationPolicy: "Foreground" });
    await env.gone(widgets, "w", "default");
    await env.gone(CONFIGMAPS, "of-widget", "default");
  });
});
