import { describe, expect, test } from "bun:test";
import type { StoredObject } from "../../../shared/api/object.ts";
import { recordingApi } from "../../../shared/controller/fake-api.ts";
import { canonicalJson, computeHash, fnv32a, hashRevisionData, safeEncode } from "./hash.ts";
import { createRevision, ownedRevisions, pruneRevisions, templateOf, templatePatch, type Revision } from "./revisions.ts";

const owner: StoredObject = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web", namespace: "default", uid: "u1", resourceVersion: "1" }, spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } };

const rev = (name: string, revision: number, ownerUid = "u1"): Revision => ({
  apiVersion: "apps/v1",
  kind: "ControllerRevision",
  metadata: { name, namespace: "default", uid: `r-${name}`, resourceVersion: "1", ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: ownerUid, controller: true }] },
  revision,
});

describe("hashes", () => {
  test("FNV-1a 32 matches the reference vectors", () => {
    expect(fnv32a(new TextEncoder().encode(""))).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode("a"))).toBe(0xe40c292c);
    expect(fnv32a(new TextEncoder().encode("foobar"))).toBe(0xbf9cf968);
  });

  test("digits map onto the safe alphabet as upstream's SafeEncodeString", () => {
    expect(safeEncode("0123456789")).toBe("456789bcdf");
  });

  test("equal templates hash equally whatever their key order; the collision count changes the hash", () => {
    const a = computeHash({ spec: { a: 1, b: [1, 2] }, metadata: { labels: { x: "y" } } });
    const b = computeHash({ metadata: { labels: { x: "y" } }, spec: { b: [1, 2], a: 1 } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(computeHash({ spec: {} }, 1)).not.toBe(computeHash({ spec: {} }, 0));
    expect(hashRevisionData({ a: 1 }, 1)).not.toBe(hashRevisionData({ a: 1 }));
    expect(canonicalJson({ b: 1, a: undefined, c: [{ y: 1, x: 2 }] })).toBe('{"b":1,"c":[{"x":2,"y":1}]}');
  });
});

describe("revisions", () => {
  test("a revision's data replaces the template and gives it back", () => {
    const data = templatePatch(owner);
    expect(data.spec.template.$patch).toBe("replace");
    expect(templateOf({ revision: 1, data: data as never })).toEqual((owner.spec as { template: object }).template);
  });

  test("owned revisions are those controlled by the owner, oldest first", () => {
    const all = [rev("web-b", 2), rev("other", 1, "u2"), rev("web-a", 1)];
    expect(ownedRevisions(all, owner).map((r) => r.metadata.name)).toEqual(["web-a", "web-b"]);
  });

  test("a name taken by other data bumps the collision count", async () => {
    const api = recordingApi();
    api.fail("POST", /controllerrevisions$/, 409, "AlreadyExists", 1);
    api.serve("/apis/apps/v1/namespaces/default/controllerrevisions/web-h0", { ...rev("web-h0", 1), data: { other: true } } as unknown as StoredObject);
    const n = { owner, data: { d: 1 }, revision: 1, labels: { app: "web" }, hash: (c: number) => `h${c}`, hashLabel: "controller.kubernetes.io/hash", collisionCount: 0, fieldManager: "test" };
    const out = await createRevision(api.client, n);
    expect(api.of("POST").map((w) => w.body.metadata.name)).toEqual(["web-h0", "web-h1"]);
    expect(out.collisionCount).toBe(1);
    expect(out.revision.metadata.labels).toEqual({ app: "web", "controller.kubernetes.io/hash": "h1" });
    expect(out.revision.metadata.ownerReferences?.[0]).toMatchObject({ kind: "StatefulSet", uid: "u1", controller: true });
  });

  test("a name taken by the same data is that revision", async () => {
    const api = recordingApi();
    api.fail("POST", /controllerrevisions$/, 409, "AlreadyExists", 1);
    api.serve("/apis/apps/v1/namespaces/default/controllerrevisions/web-h0", { ...rev("web-h0", 1), data: { d: 1 } } as unknown as StoredObject);
    const out = await createRevision(api.client, { owner, data: { d: 1 }, revision: 1, labels: {}, hash: (c: number) => `h${c}`, hashLabel: "h", collisionCount: 0, fieldManager: "test" });
    expect(out.collisionCount).toBe(0);
    expect(out.revision.metadata.name).toBe("web-h0");
  });

  test("pruning deletes the oldest revisions no pod uses, down to the limit", async () => {
    const api = recordingApi();
    const sorted = [rev("web-1", 1), rev("web-2", 2), rev("web-3", 3), rev("web-4", 4)];
    const gone = await pruneRevisions(api.client, sorted, new Set(["web-1", "web-4"]), 1);
    expect(gone).toEqual(["web-2"]);
    expect(api.of("DELETE").map((w) => w.path)).toEqual(["/apis/apps/v1/namespaces/default/controllerrevisions/web-2"]);
  });
});
