import { describe, expect, test } from "bun:test";
import type { StoredObject } from "../../../shared/api/object.ts";
import { Client } from "../../../shared/client/index.ts";
import { OwnerGraph } from "./graph.ts";
import { OwnerVerifier } from "./owners.ts";
import { afterDelete, afterUpsert } from "./triggers.ts";

const CM = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const NS = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };
const types = { all: () => [CM, NS], onChange: () => () => {} };

interface Meta {
  owners?: StoredObject[];
  block?: boolean;
  finalizers?: string[];
  deleting?: boolean;
  namespace?: string;
}

function cm(name: string, m: Meta = {}): StoredObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: m.namespace ?? "default",
      uid: `uid-${name}`,
      resourceVersion: "1",
      ownerReferences: m.owners?.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, blockOwnerDeletion: m.block })),
      finalizers: m.finalizers,
      deletionTimestamp: m.deleting ? "2026-01-01T00:00:00Z" : undefined,
    },
  };
}

const uids = (s: Set<string>) => [...s].sort();

describe("OwnerGraph", () => {
  test("links dependents to owners by uid, follows changed references, and keeps them when the owner goes", () => {
    const g = new OwnerGraph();
    const a = cm("a");
    const b = cm("b");
    g.upsert(CM, a);
    g.upsert(CM, b);
    g.upsert(CM, cm("d", { owners: [a] }));
    expect(g.dependents("uid-a").map((n) => n.obj.metadata.name)).toEqual(["d"]);
    g.upsert(CM, cm("d", { owners: [b] }));
    expect(g.dependents("uid-a")).toEqual([]);
    expect(g.hasDependents("uid-a")).toBe(false);
    expect(g.dependents("uid-b").map((n) => n.obj.metadata.name)).toEqual(["d"]);
    g.remove(b);
    expect(g.get("uid-b")).toBeUndefined();
    expect(g.dependents("uid-b").map((n) => n.obj.metadata.name)).toEqual(["d"]); // b is now virtual
    g.remove(cm("d"));
    expect(g.hasDependents("uid-b")).toBe(false);
    expect(g.size).toBe(1);
  });
});

describe("triggers", () => {
  test("a dependent of an unknown owner is looked at; one of a known owner is not", () => {
    const g = new OwnerGraph();
    const owner = cm("owner");
    const d1 = cm("d1", { owners: [owner] });
    g.upsert(CM, d1);
    expect(uids(afterUpsert(g, d1).attemptToDelete)).toEqual(["uid-d1"]);
    g.upsert(CM, owner);
    expect(afterUpsert(g, d1).attemptToDelete.size).toBe(0);
  });

  test("an owner with the same uid in another namespace does not count as known", () => {
    const g = new OwnerGraph();
    const owner = cm("owner", { namespace: "other" });
    g.upsert(CM, owner);
    const d = cm("d", { owners: [owner] });
    g.upsert(CM, d);
    expect(uids(afterUpsert(g, d).attemptToDelete)).toEqual(["uid-d"]);
  });

  test("an owner entering foreground deletion wakes itself and its dependents", () => {
    const g = new OwnerGraph();
    const owner = cm("owner");
    g.upsert(CM, owner);
    g.upsert(CM, cm("d1", { owners: [owner], block: true }));
    g.upsert(CM, cm("d2", { owners: [owner] }));
    const deleting = cm("owner", { deleting: true, finalizers: ["foregroundDeletion"] });
    g.upsert(CM, deleting);
    expect(uids(afterUpsert(g, deleting, owner).attemptToDelete)).toEqual(["uid-d1", "uid-d2", "uid-owner"]);
  });

  test("an owner deleted with Orphan goes to the orphan queue", () => {
    const g = new OwnerGraph();
    const owner = cm("owner", { deleting: true, finalizers: ["orphan"] });
    g.upsert(CM, owner);
    const w = afterUpsert(g, owner);
    expect(uids(w.attemptToOrphan)).toEqual(["uid-owner"]);
    expect(w.attemptToDelete.size).toBe(0);
  });

  test("a dependent that stops blocking, or goes, wakes its owner in foreground deletion", () => {
    const g = new OwnerGraph();
    const owner = cm("owner", { deleting: true, finalizers: ["foregroundDeletion"] });
    g.upsert(CM, owner);
    const blocking = cm("d", { owners: [owner], block: true });
    g.upsert(CM, blocking);
    const released = cm("d", { owners: [owner], block: false });
    g.upsert(CM, released);
    expect(afterUpsert(g, released, blocking).attemptToDelete.has("uid-owner")).toBe(true);
    g.remove(released);
    expect(uids(afterDelete(g, released).attemptToDelete)).toEqual(["uid-owner"]);
  });

  test("a deleted owner wakes every dependent", () => {
    const g = new OwnerGraph();
    const owner = cm("owner");
    g.upsert(CM, owner);
    g.upsert(CM, cm("d1", { owners: [owner] }));
    g.upsert(CM, cm("d2", { owners: [owner] }));
    g.remove(owner);
    expect(uids(afterDelete(g, owner).attemptToDelete)).toEqual(["uid-d1", "uid-d2"]);
  });
});

describe("OwnerVerifier", () => {
  function verifier(answers: Record<string, StoredObject | undefined>) {
    const gets: string[] = [];
    const client = new Client({
      baseUrl: "http://fake",
      fetch: (req) => {
        const path = new URL(req.url).pathname;
        gets.push(path);
        const obj = answers[path];
        if (obj) return new Response(JSON.stringify(obj));
        return new Response(JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound", code: 404, message: "not found" }), { status: 404 });
      },
    });
    const graph = new OwnerGraph();
    return { graph, gets, v: new OwnerVerifier(client, types, graph) };
  }

  test("a known owner is answered from the graph, without a request", async () => {
    const { graph, gets, v } = verifier({});
    const owner = cm("owner");
    graph.upsert(CM, owner);
    const d = cm("d", { owners: [owner] });
    expect(await v.classify(d.metadata.ownerReferences!, "default")).toEqual({ solid: d.metadata.ownerReferences!, waiting: [], dangling: [] });
    expect(gets).toEqual([]);
  });

  test("an unknown owner is verified live; a verified absence is remembered", async () => {
    const { gets, v } = verifier({});
    const ref = cm("d", { owners: [cm("gone")] }).metadata.ownerReferences![0];
    expect(await v.state(ref, "default")).toBe("dangling");
    expect(await v.state(ref, "default")).toBe("dangling");
    expect(gets).toEqual(["/api/v1/namespaces/default/configmaps/gone"]);
  });

  test("a live owner with another uid is absent; a live owner in foreground deletion is waiting", async () => {
    const replaced = { ...cm("owner"), metadata: { ...cm("owner").metadata, uid: "uid-new" } };
    const { v } = verifier({ "/api/v1/namespaces/default/configmaps/owner": replaced, "/api/v1/namespaces/default/configmaps/busy": cm("busy", { deleting: true, finalizers: ["foregroundDeletion"] }) });
    expect(await v.state(cm("d", { owners: [cm("owner")] }).metadata.ownerReferences![0], "default")).toBe("dangling");
    expect(await v.state(cm("d", { owners: [cm("busy")] }).metadata.ownerReferences![0], "default")).toBe("waiting");
  });

  test("a cluster-scoped dependent's reference to a namespaced owner is never resolved as absent", async () => {
    const { gets, v } = verifier({});
    expect(await v.state({ apiVersion: "v1", kind: "ConfigMap", name: "x", uid: "uid-x" }, undefined)).toBe("solid");
    expect(gets).toEqual([]);
  });

  test("a reference to a kind nobody serves is an error (retried later), not an absence", async () => {
    const { v } = verifier({});
    await expect(v.state({ apiVersion: "example.com/v1", kind: "Widget", name: "w", uid: "u" }, "default")).rejects.toThrow(/no such resource type/);
  });
});
