import { afterEach, describe, expect, test } from "bun:test";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { CONFIGMAPS, DEPLOYMENTS, NAMESPACES, configMap, controllerEnv, deployment } from "../testing.ts";

let env: Awaited<ReturnType<typeof controllerEnv>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("namespace controller", () => {
  test("deleting a namespace removes its ConfigMaps and Deployments, then the namespace", async () => {
    env = await controllerEnv();
    const { client } = env;
    await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "doomed" } });
    await client.create(CONFIGMAPS, configMap("settings", "doomed"));
    await client.create(DEPLOYMENTS, deployment("web", "doomed"));
    await client.create(CONFIGMAPS, configMap("stays", "default"));
    const r = await client.delete(NAMESPACES, "doomed");
    expect((r.status as { phase?: string }).phase).toBe("Terminating");
    await env.gone(NAMESPACES, "doomed");
    expect((await client.list(CONFIGMAPS, { namespace: "doomed" })).items).toEqual([]);
    expect((await client.list(DEPLOYMENTS, { namespace: "doomed" })).items).toEqual([]);
    expect(await env.find(CONFIGMAPS, "stays", "default")).toBeDefined();
  });

  test("the namespace waits for content held by a finalizer", async () => {
    env = await controllerEnv();
    const { client } = env;
    await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "held" } });
    await client.create(CONFIGMAPS, configMap("pinned", "held", { finalizers: ["example.com/hold"] }));
    await client.delete(NAMESPACES, "held");
    await waitUntil("the content to be deleting", async () => !!(await env!.find(CONFIGMAPS, "pinned", "held"))?.metadata.deletionTimestamp);
    const ns = await client.get(NAMESPACES, "held");
    expect((ns.spec as { finalizers: string[] }).finalizers).toEqual(["kubernetes"]);
    await client.patch(CONFIGMAPS, "pinned", { metadata: { finalizers: null } }, { type: "merge", namespace: "held" });
    await env.gone(NAMESPACES, "held");
  });

  test("a namespace deleted in the foreground goes once both controllers are done", async () => {
    env = await controllerEnv();
    const { client } = env;
    await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "fg" } });
    await client.create(CONFIGMAPS, configMap("inside", "fg"));
    const r = await client.delete(NAMESPACES, "fg", { propagationPolicy: "Foreground" });
    expect(r.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await env.gone(NAMESPACES, "fg");
    expect((await client.list(CONFIGMAPS, { namespace: "fg" })).items).toEqual([]);
  });

  test("the system namespaces may not be deleted", async () => {
    env = await controllerEnv();
    for (const name of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
      const e = await env.client.delete(NAMESPACES, name).catch((e) => e);
      expect(e.code).toBe(403);
      expect(e.reason).toBe("Forbidden");
      expect(e.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
  });
});

describe("PUT namespaces/<name>/finalize", () => {
  test("changes only spec.finalizers of a live namespace", async () => {
    env = await controllerEnv();
    const { client } = env;
    const ns = await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "fin" } });
    const out = await client.update(NAMESPACES, { ...ns, metadata: { ...ns.metadata, labels: { ignored: "yes" } }, spec: { finalizers: ["example.com/x"] } }, { subresource: "finalize" });
    expect((out.spec as { finalizers: string[] }).finalizers).toEqual(["example.com/x"]);
    expect(out.metadata.labels?.ignored).toBeUndefined();
    expect((await client.get(NAMESPACES, "fin")).spec).toEqual({ finalizers: ["example.com/x"] });
  });

  test("removes a terminating namespace once no finalizer is left; a stale resourceVersion is a Conflict", async () => {
    env = await controllerEnv();
    const { client } = env;
    await env.controllers.stop(); // nobody else finalizes
    const ns = await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "fin2" } });
    const deleting = await client.delete(NAMESPACES, "fin2");
    const stale = await client.update(NAMESPACES, { ...ns, spec: { finalizers: [] } }, { subresource: "finalize" }).catch((e) => e);
    expect(stale.reason).toBe("Conflict");
    await client.update(NAMESPACES, { ...deleting, spec: { finalizers: [] } }, { subresource: "finalize" });
    expect(await env.find(NAMESPACES, "fin2")).toBeUndefined();
  });

  test("other methods on finalize are not allowed", async () => {
    env = await controllerEnv();
    const e = await env.client.request({ method: "GET", path: "/api/v1/namespaces/default/finalize" }).catch((e) => e);
    expect(e.code).toBe(405);
  });
});
