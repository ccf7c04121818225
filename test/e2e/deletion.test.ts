// Cascading deletion and namespace deletion with the real kubectl: the garbage collector and
// the namespace controller finish what `kubectl delete` starts, so kubectl returns.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, waitFor, type Cluster } from "./harness.ts";

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
});

const configMap = (name: string, ns: string, owner?: { name: string; uid: string }) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}${
    owner
      ? `
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: ${owner.name}, uid: ${owner.uid}, blockOwnerDeletion: true}`
      : ""
  }
data: {k: v}
`;

async function ownerWithDependents(ns: string, owner: string, dependents: string[]) {
  await c.k(["apply", "-f", "-"], { stdin: configMap(owner, ns) });
  const uid = (await c.k(["-n", ns, "get", "cm", owner, "-o", "jsonpath={.metadata.uid}"])).trim();
  for (const d of dependents) await c.k(["apply", "-f", "-"], { stdin: configMap(d, ns, { name: owner, uid }) });
}

async function notFound(args: string[]) {
  const r = await c.kubectl(["get", ...args]);
  return r.code !== 0 && r.stderr.includes("(NotFound)");
}

describe("kubectl delete with the garbage collector", () => {
  test("--cascade=foreground returns once the dependents and then the owner are gone", async () => {
    await c.k(["create", "namespace", "fg"]);
    await ownerWithDependents("fg", "owner", ["dep-a", "dep-b"]);
    const started = Date.now();
    expect(await c.k(["-n", "fg", "delete", "cm", "owner", "--cascade=foreground"])).toContain('configmap "owner" deleted');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await notFound(["-n", "fg", "cm", "owner"])).toBe(true);
    expect(await notFound(["-n", "fg", "cm", "dep-a"])).toBe(true);
    expect(await notFound(["-n", "fg", "cm", "dep-b"])).toBe(true);
  });

  test("--cascade=orphan returns and leaves the dependents without their owner reference", async () => {
    await c.k(["create", "namespace", "orph"]);
    await ownerWithDependents("orph", "owner", ["kept"]);
    expect(await c.k(["-n", "orph", "delete", "cm", "owner", "--cascade=orphan"])).toContain('configmap "owner" deleted');
    expect(await notFound(["-n", "orph", "cm", "owner"])).toBe(true);
    const kept = JSON.parse(await c.k(["-n", "orph", "get", "cm", "kept", "-o", "json"]));
    expect(kept.metadata.ownerReferences).toBeUndefined();
  });

  test("ConfigMaps owned by a deleted ConfigMap are garbage-collected", async () => {
    await c.k(["create", "namespace", "bg"]);
    await ownerWithDependents("bg", "owner", ["dep-1", "dep-2"]);
    expect(await c.k(["-n", "bg", "delete", "cm", "owner"])).toContain('configmap "owner" deleted');
    await waitFor("the dependents to be collected", async () => ((await notFound(["-n", "bg", "cm", "dep-1"])) && (await notFound(["-n", "bg", "cm", "dep-2"])) ? true : undefined));
  });
});

describe("kubectl delete namespace", () => {
  test("completes, removing what was inside; the namespace is then NotFound", async () => {
    await c.k(["create", "namespace", "foo"]);
    await c.k(["apply", "-f", "-"], { stdin: configMap("settings", "foo") });
    await c.k(["-n", "foo", "create", "deployment", "web", "--image=busybox"]);
    const started = Date.now();
    expect(await c.k(["delete", "namespace", "foo"])).toContain('namespace "foo" deleted');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await notFound(["namespace", "foo"])).toBe(true);
    expect((await c.k(["-n", "foo", "get", "cm,deploy", "-o", "name"])).trim()).toBe("");
  });

  test("the default namespace may not be deleted", async () => {
    const r = await c.kubectl(["delete", "namespace", "default"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
  });
});
