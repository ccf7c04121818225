import { afterEach, describe, expect, test } from "bun:test";
import { testApi } from "./testing.ts";

let api: Awaited<ReturnType<typeof testApi>>;
afterEach(() => api?.close());

const cm = (name: string, data: Record<string, string> = { a: "1" }, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, ...extra },
  data,
});

describe("objects", () => {
  test("create assigns uid, creationTimestamp and a resourceVersion; a second create is 409", async () => {
    api = await testApi();
    const r = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("one"));
    expect(r.status).toBe(201);
    expect(r.json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.metadata.creationTimestamp).toMatch(/Z$/);
    expect(Number(r.json.metadata.resourceVersion)).toBeGreaterThan(0);
    const again = await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("one"));
    expect(again.status).toBe(409);
    expect(again.json.reason).toBe("AlreadyExists");
  });

  test("generateName makes a name with a five-character suffix", async () => {
    api = await testApi();
    const r = await api.call("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" } });
    expect(r.status).toBe(201);
    expect(r.json.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test("an update with a stale resourceVersion is a 409 Conflict and changes nothing", async () => {
    api = await testApi();
    const created = (await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("c"))).json;
    const ok = await api.call("PUT", "/api/v1/namespaces/default/configmaps/c", { ...created, data: { a: "2" } });
    expect(ok.status).toBe(200);
    const stale = await api.call("PUT", "/api/v1/namespaces/default/configmaps/c", { ...created, data: { a: "3" } });
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe("Conflict");
    expect((await api.call("GET", "/api/v1/namespaces/default/configmaps/c")).json.data.a).toBe("2");
  });

  test("a no-op update stores nothing and keeps the resourceVersion", async () => {
    api = await testApi();
    const created = (await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("same"))).json;
    const rev = api.backend.currentRevision();
    const r = await api.call("PUT", "/api/v1/namespaces/default/configmaps/same", created);
    expect(r.json.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(api.backend.currentRevision()).toBe(rev);
  });

  test("objects with finalizers get a deletionTimestamp and go once the finalizers are removed", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("fin", {}, { finalizers: ["example.com/hold"] }));
    const del = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/fin");
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toBeDefined();
    const added = await api.call("PATCH", "/api/v1/namespaces/default/configmaps/fin", { metadata: { finalizers: ["example.com/hold", "x/y"] } }, { "content-type": "application/merge-patch+json" });
    expect(added.status).toBe(422);
    const cleared = await api.call("PATCH", "/api/v1/namespaces/default/configmaps/fin", { metadata: { finalizers: null } }, { "content-type": "application/merge-patch+json" });
    expect(cleared.status).toBe(200);
    expect((await api.call("GET", "/api/v1/namespaces/default/configmaps/fin")).status).toBe(404);
  });

  test("foreground and orphan deletes add their finalizers", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("fg"));
    const r = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/fg", { propagationPolicy: "Foreground" });
    expect(r.json.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("or"));
    const o = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/or?propagationPolicy=Orphan");
    expect(o.json.metadata.finalizers).toEqual(["orphan"]);
    const bad = await api.call("DELETE", "/api/v1/namespaces/default/configmaps/or?propagationPolicy=Sideways");
    expect(bad.status).toBe(422);
  });

  test("creating in a missing namespace is 404", async () => {
    api = await testApi();
    const r = await api.call("POST", "/api/v1/namespaces/nope/configmaps", cm("x"));
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('namespaces "nope" not found');
  });

  test("the status subresource changes status only, the main resource ignores status", async () => {
    api = await testApi();
    const d = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i" }] } } },
      status: { replicas: 7 },
    };
    const created = await api.call("POST", "/apis/apps/v1/namespaces/default/deployments", d);
    expect(created.json.status).toBeUndefined();
    const s = await api.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/status", { status: { replicas: 2 }, spec: { replicas: 9 } }, { "content-type": "application/merge-patch+json" });
    expect(s.json.status.replicas).toBe(2);
    expect(s.json.spec.replicas).toBe(1);
    const scale = await api.call("GET", "/apis/apps/v1/namespaces/default/deployments/web/scale");
    expect(scale.json).toMatchObject({ kind: "Scale", spec: { replicas: 1 }, status: { replicas: 2, selector: "a=b" } });
    const scaled = await api.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", { spec: { replicas: 3 } }, { "content-type": "application/merge-patch+json" });
    expect(scaled.json.spec.replicas).toBe(3);
    const after = (await api.call("GET", "/apis/apps/v1/namespaces/default/deployments/web")).json;
    expect(after.spec.replicas).toBe(3);
    expect(after.metadata.generation).toBe(2);
  });
});

describe("lists and watches", () => {
  test("limit and continue page through a list pinned to one revision", async () => {
    api = await testApi();
    for (let i = 0; i < 5; i++) await api.call("POST", "/api/v1/namespaces/default/configmaps", cm(`p${i}`));
    const first = await api.call("GET", "/api/v1/namespaces/default/configmaps?limit=2");
    expect(first.json.items.map((o: any) => o.metadata.name)).toEqual(["p0", "p1"]);
    expect(first.json.metadata.remainingItemCount).toBe(3);
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("p5"));
    const second = await api.call("GET", `/api/v1/namespaces/default/configmaps?limit=10&continue=${first.json.metadata.continue}`);
    expect(second.json.items.map((o: any) => o.metadata.name)).toEqual(["p2", "p3", "p4"]);
    expect(second.json.metadata.resourceVersion).toBe(first.json.metadata.resourceVersion);
    expect(second.json.metadata.continue).toBeUndefined();
  });

  test("a label selector with a limit still fills the page", async () => {
    api = await testApi();
    for (let i = 0; i < 6; i++) await api.call("POST", "/api/v1/namespaces/default/configmaps", cm(`l${i}`, {}, { labels: { odd: String(i % 2) } }));
    const r = await api.call("GET", "/api/v1/namespaces/default/configmaps?labelSelector=odd%3D1&limit=2");
    expect(r.json.items.map((o: any) => o.metadata.name)).toEqual(["l1", "l3"]);
    expect(r.json.metadata.continue).toBeDefined();
  });

  test("an invalid selector is 400", async () => {
    api = await testApi();
    expect((await api.call("GET", "/api/v1/pods?labelSelector=a%20in%20(")).status).toBe(400);
    expect((await api.call("GET", "/api/v1/pods?fieldSelector=spec.bogus%3Dx")).status).toBe(400);
  });

  test("a watch from a compacted revision receives a 410 Expired event", async () => {
    api = await testApi();
    for (let i = 0; i < 3; i++) await api.call("POST", "/api/v1/namespaces/default/configmaps", cm(`w${i}`));
    await api.backend.compact(api.backend.currentRevision());
    const r = await api.call("GET", "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");
    expect(r.status).toBe(200);
    const ev = JSON.parse(r.text.trim().split("\n").pop()!);
    expect(ev.type).toBe("ERROR");
    expect(ev.object).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
  });

  test("a watch from resourceVersion 0 starts with ADDED events and ends at timeoutSeconds", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("w"));
    const r = await api.call("GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=0&timeoutSeconds=1");
    const events = r.text.trim().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([["ADDED", "w"]]);
  });
});

describe("discovery", () => {
  test("aggregated discovery answers with the apidiscovery content type and response kinds", async () => {
    api = await testApi();
    const r = await api.call("GET", "/apis", undefined, { accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json" });
    expect(r.headers.get("content-type")).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const apps = r.json.items.find((g: any) => g.metadata.name === "apps");
    const deploy = apps.versions[0].resources.find((x: any) => x.resource === "deployments");
    expect(deploy).toMatchObject({ scope: "Namespaced", shortNames: ["deploy"], categories: ["all"], responseKind: { group: "apps", version: "v1", kind: "Deployment" } });
    expect(deploy.subresources.map((s: any) => s.subresource)).toEqual(["status", "scale"]);
  });

  test("legacy discovery lists every group and resolves every group-version", async () => {
    api = await testApi();
    const groups = (await api.call("GET", "/apis")).json.groups;
    for (const g of groups) {
      const r = await api.call("GET", `/apis/${g.preferredVersion.groupVersion}`);
      expect(r.status).toBe(200);
      expect(r.json.resources.length).toBeGreaterThan(0);
    }
  });

  test("a request without a token is 401", async () => {
    api = await testApi();
    const r = await api.app.fetch(new Request("https://kubun.test/api"));
    expect(r.status).toBe(401);
  });
});

describe("concurrency and graceful deletion", () => {
  test("concurrent merge patches without a resourceVersion all succeed", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("busy", {}));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.call("PATCH", "/api/v1/namespaces/default/configmaps/busy", { data: { [`k${i}`]: "v" } }, { "content-type": "application/merge-patch+json" }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(Object.keys((await api.call("GET", "/api/v1/namespaces/default/configmaps/busy")).json.data).length).toBe(20);
  });

  test("a patch that sets a stale resourceVersion is a 409", async () => {
    api = await testApi();
    const created = (await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("pre"))).json;
    await api.call("PATCH", "/api/v1/namespaces/default/configmaps/pre", { data: { a: "2" } }, { "content-type": "application/merge-patch+json" });
    const stale = await api.call("PATCH", "/api/v1/namespaces/default/configmaps/pre", { metadata: { resourceVersion: created.metadata.resourceVersion }, data: { a: "3" } }, { "content-type": "application/merge-patch+json" });
    expect(stale.status).toBe(409);
  });

  test("a body uid that is not the object's is a 409 precondition failure", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/configmaps", cm("uid"));
    const r = await api.call("PATCH", "/api/v1/namespaces/default/configmaps/uid", { metadata: { uid: "00000000-0000-0000-0000-000000000000" } }, { "content-type": "application/merge-patch+json" });
    expect(r.status).toBe(409);
    expect(r.json.message).toContain("Precondition failed: UID in precondition");
  });

  test("a pod on a node stays Terminating until a zero-grace delete confirms it", async () => {
    api = await testApi();
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { nodeName: "n1", containers: [{ name: "c", image: "busybox" }] } };
    await api.call("POST", "/api/v1/namespaces/default/pods", pod);
    const del = await api.call("DELETE", "/api/v1/namespaces/default/pods/p");
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionGracePeriodSeconds).toBe(30);
    const still = await api.call("GET", "/api/v1/namespaces/default/pods/p");
    expect(still.status).toBe(200);
    expect(still.json.metadata.deletionTimestamp).toBeDefined();
    const status = await api.call("PATCH", "/api/v1/namespaces/default/pods/p/status", { status: { phase: "Running" } }, { "content-type": "application/merge-patch+json" });
    expect(status.status).toBe(200);
    expect((await api.call("GET", "/api/v1/namespaces/default/pods/p")).status).toBe(200);
    const confirm = await api.call("DELETE", "/api/v1/namespaces/default/pods/p", { gracePeriodSeconds: 0 });
    expect(confirm.status).toBe(200);
    expect((await api.call("GET", "/api/v1/namespaces/default/pods/p")).status).toBe(404);
  });
});

describe("namespaces", () => {
  test("a main-resource write cannot change spec.finalizers; only /finalize can", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "nf" } });
    const p = await api.call("PATCH", "/api/v1/namespaces/nf", { spec: { finalizers: [] } }, { "content-type": "application/merge-patch+json" });
    expect(p.json.spec.finalizers).toEqual(["kubernetes"]);
    const f = await api.call("PUT", "/api/v1/namespaces/nf/finalize", { apiVersion: "v1", kind: "Namespace", metadata: { name: "nf" }, spec: { finalizers: [] } });
    expect(f.status).toBe(200);
    expect(f.json.spec.finalizers).toEqual([]);
  });

  test("deleting the namespace collection is 405", async () => {
    api = await testApi();
    expect((await api.call("DELETE", "/api/v1/namespaces")).status).toBe(405);
  });
});

describe("binding", () => {
  test("binds an unscheduled pod once; a non-string target name is 400", async () => {
    api = await testApi();
    await api.call("POST", "/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "b" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
    const bad = await api.call("POST", "/api/v1/namespaces/default/pods/b/binding", { apiVersion: "v1", kind: "Binding", metadata: { name: "b" }, target: { kind: "Node", name: 5 } });
    expect(bad.status).toBe(400);
    const ok = await api.call("POST", "/api/v1/namespaces/default/pods/b/binding", { apiVersion: "v1", kind: "Binding", metadata: { name: "b" }, target: { kind: "Node", name: "n1" } });
    expect(ok.status).toBe(201);
    expect((await api.call("GET", "/api/v1/namespaces/default/pods/b")).json.spec.nodeName).toBe("n1");
    const again = await api.call("POST", "/api/v1/namespaces/default/pods/b/binding", { apiVersion: "v1", kind: "Binding", metadata: { name: "b" }, target: { kind: "Node", name: "n2" } });
    expect(again.status).toBe(409);
  });
});
