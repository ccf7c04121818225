import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { Client } from "./client.ts";
import { isConflict, isNotFound } from "./errors.ts";
import { resourcePath } from "./paths.ts";

const CM = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const DEPLOY = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };
const NS = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };

function recording(reply: (req: Request) => Response = () => new Response("{}", { status: 200 })) {
  const seen: { method: string; url: URL; headers: Headers; body: string }[] = [];
  const client = new Client({
    baseUrl: "https://api.test:6443/",
    token: "secret",
    userAgent: "kube-controller-manager/v1.33.0",
    fetch: async (req) => {
      seen.push({ method: req.method, url: new URL(req.url), headers: req.headers, body: await req.text() });
      return reply(req);
    },
  });
  return { client, seen };
}

describe("resourcePath", () => {
  test("core and group paths, namespaced or not, with subresources", () => {
    expect(resourcePath({ ...CM, namespace: "default" })).toBe("/api/v1/namespaces/default/configmaps");
    expect(resourcePath({ ...DEPLOY, namespace: "x", name: "web", subresource: "scale" })).toBe("/apis/apps/v1/namespaces/x/deployments/web/scale");
    expect(resourcePath({ ...NS, name: "foo", subresource: "finalize" })).toBe("/api/v1/namespaces/foo/finalize");
    expect(resourcePath(DEPLOY)).toBe("/apis/apps/v1/deployments");
    expect(() => resourcePath({ ...CM, subresource: "status" })).toThrow(/needs a name/);
  });
});

describe("Client", () => {
  test("sends the token, the user agent and Accept: application/json", async () => {
    const { client, seen } = recording(() => new Response(JSON.stringify({ metadata: { name: "a" } })));
    await client.get(CM, "a", { namespace: "default" });
    expect(seen[0].url.pathname).toBe("/api/v1/namespaces/default/configmaps/a");
    expect(seen[0].headers.get("authorization")).toBe("Bearer secret");
    expect(seen[0].headers.get("accept")).toBe("application/json");
    expect(seen[0].headers.get("user-agent")).toBe("kube-controller-manager/v1.33.0");
  });

  test("list passes selectors and paging and returns items with the list's resourceVersion", async () => {
    const { client, seen } = recording(() => new Response(JSON.stringify({ metadata: { resourceVersion: "42", continue: "tok" }, items: [{ metadata: { name: "a" } }] })));
    const page = await client.list(CM, { namespace: "ns", labelSelector: "app=web", fieldSelector: "metadata.name=a", limit: 5, continue: "prev" });
    expect(page).toEqual({ items: [{ metadata: { name: "a" } }] as never, resourceVersion: "42", continue: "tok" });
    const q = seen[0].url.searchParams;
    expect([q.get("labelSelector"), q.get("fieldSelector"), q.get("limit"), q.get("continue")]).toEqual(["app=web", "metadata.name=a", "5", "prev"]);
  });

  test("create, update and updateStatus take the namespace and name from the object", async () => {
    const { client, seen } = recording();
    const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "ns" } };
    await client.create(CM, obj, { fieldManager: "me", dryRun: true });
    await client.update(CM, obj);
    await client.updateStatus(DEPLOY, { metadata: { name: "web", namespace: "ns" } });
    await client.create(NS, { metadata: { name: "n", namespace: "ignored" } });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      "POST /api/v1/namespaces/ns/configmaps?fieldManager=me&dryRun=All",
      "PUT /api/v1/namespaces/ns/configmaps/a",
      "PUT /apis/apps/v1/namespaces/ns/deployments/web/status",
      "POST /api/v1/namespaces",
    ]);
    expect(seen[0].headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(seen[0].body)).toEqual(obj);
  });

  test("patch picks the content type of its kind; apply sends fieldManager and force", async () => {
    const { client, seen } = recording();
    await client.patch(CM, "a", [{ op: "remove", path: "/data/x" }], { type: "json", namespace: "n" });
    await client.patch(CM, "a", { data: { x: "1" } }, { type: "merge", namespace: "n" });
    await client.patch(CM, "a", { data: { x: "1" } }, { type: "strategic", namespace: "n" });
    await client.patch(CM, "a", { apiVersion: "v1", kind: "ConfigMap" }, { type: "apply", namespace: "n", fieldManager: "ctl", force: true });
    expect(seen.map((s) => s.headers.get("content-type"))).toEqual(["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"]);
    expect(seen[3].url.search).toBe("?fieldManager=ctl&force=true");
  });

  test("delete sends DeleteOptions in the body", async () => {
    const { client, seen } = recording();
    await client.delete(CM, "a", { namespace: "n", propagationPolicy: "Foreground", gracePeriodSeconds: 0, preconditions: { uid: "u1" } });
    expect(seen[0].method).toBe("DELETE");
    expect(JSON.parse(seen[0].body)).toEqual({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground", gracePeriodSeconds: 0, preconditions: { uid: "u1" } });
  });

  test("a non-2xx answer is a StatusError carrying the server's Status", async () => {
    const status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: 'configmaps "a" not found', reason: "NotFound", details: { name: "a", kind: "configmaps" }, code: 404 };
    const { client } = recording(() => new Response(JSON.stringify(status), { status: 404 }));
    const e = await client.get(CM, "a", { namespace: "n" }).catch((e) => e);
    expect(e).toBeInstanceOf(StatusError);
    expect(isNotFound(e)).toBe(true);
    expect(e.message).toBe('configmaps "a" not found');
    expect(e.details).toEqual({ name: "a", kind: "configmaps" });
  });

  test("a non-Status error body still gets a reason from its code", async () => {
    const { client } = recording(() => new Response("busy", { status: 409 }));
    const e = await client.get(CM, "a").catch((e) => e);
    expect(isConflict(e)).toBe(true);
    expect(e.message).toBe("busy");
  });

  test("watch parses newline-delimited events split across chunks and skips blank lines", async () => {
    const enc = new TextEncoder();
    const ev = (type: string, name: string) => JSON.stringify({ type, object: { metadata: { name } } });
    const text = `\n${ev("ADDED", "a")}\n\n${ev("MODIFIED", "a")}\n${ev("DELETED", "a")}`;
    const chunks = [text.slice(0, 7), text.slice(7, 40), text.slice(40)];
    const { client, seen } = recording(
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              for (const ch of chunks) c.enqueue(enc.encode(ch));
              c.close();
            },
          }),
        ),
    );
    const w = await client.watch(CM, { namespace: "n", resourceVersion: "7", allowWatchBookmarks: true });
    const got: string[] = [];
    for await (const e of w) got.push(`${e.type} ${(e.object as { metadata: { name: string } }).metadata.name}`);
    expect(got).toEqual(["ADDED a", "MODIFIED a", "DELETED a"]);
    expect(seen[0].url.search).toBe("?resourceVersion=7&allowWatchBookmarks=true&watch=true");
  });

  test("stopping a watch ends iteration without an error", async () => {
    let cancelled = false;
    const { client } = recording(
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode('\n{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n'));
            },
            cancel() {
              cancelled = true;
            },
          }),
        ),
    );
    const w = await client.watch(CM);
    const got: string[] = [];
    for await (const e of w) {
      got.push(e.type);
      w.stop();
    }
    expect(got).toEqual(["ADDED"]);
    expect(cancelled).toBe(true);
  });

  test("a watch the server refuses throws its Status", async () => {
    const status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "too old resource version: 1 (5)", reason: "Expired", code: 410 };
    const { client } = recording(() => new Response(JSON.stringify(status), { status: 410 }));
    const e = await client.watch(CM, { resourceVersion: "1" }).catch((e) => e);
    expect(e.code).toBe(410);
    expect(e.reason).toBe("Expired");
  });
});
