// Watch streams as kubectl consumes them, credentials, and the Status errors of bad input.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { kubectlPath, startCluster, waitFor, type Cluster } from "./harness.ts";

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
});

describe("watch", () => {
  test("kubectl get -w --output-watch-events prints ADDED, MODIFIED and DELETED rows", async () => {
    await c.k(["create", "configmap", "watched", "--from-literal=a=1"]);
    const p = Bun.spawn([kubectlPath(), "--kubeconfig", c.kubeconfig, "get", "cm", "-w", "--output-watch-events", "--field-selector", "metadata.name=watched"], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: c.dir, KUBECACHEDIR: `${c.dir}/kubecache` },
    });
    let out = "";
    (async () => {
      for await (const chunk of p.stdout as unknown as AsyncIterable<Uint8Array>) out += new TextDecoder().decode(chunk);
    })();
    await waitFor("the ADDED row", () => (out.includes("ADDED") ? true : undefined));
    await c.k(["label", "cm", "watched", "x=y"]);
    await waitFor("the MODIFIED row", () => (out.includes("MODIFIED") ? true : undefined));
    await c.k(["delete", "cm", "watched"]);
    await waitFor("the DELETED row", () => (out.includes("DELETED") ? true : undefined));
    p.kill();
    expect(out).toMatch(/EVENT\s+NAME\s+DATA\s+AGE/);
    expect(out).toMatch(/ADDED\s+watched\s+1/);
  });

  test("timeoutSeconds ends a watch cleanly", async () => {
    const start = Date.now();
    const r = await c.fetch("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1");
    await r.text();
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
  });
});

describe("credentials", () => {
  test("a request without credentials gets 401", async () => {
    const r = await fetch(`${c.url}/api/v1/namespaces`, { tls: { ca: c.caPem } } as RequestInit);
    expect(r.status).toBe(401);
    expect(((await r.json()) as any).reason).toBe("Unauthorized");
  });

  test("a wrong bearer token gets 401", async () => {
    const r = await fetch(`${c.url}/version`, { headers: { authorization: "Bearer nope" }, tls: { ca: c.caPem } } as RequestInit);
    expect(r.status).toBe(401);
  });

  test("plain HTTP is not served", async () => {
    const r = await fetch(`http://127.0.0.1:${c.port}/version`).then((x) => x.status, () => "refused");
    expect(r === "refused" || r === 400).toBe(true);
  });
});

describe("bad input", () => {
  const post = (path: string, body: string, type = "application/json") =>
    c.fetch(path, { method: "POST", body, headers: { "content-type": type } });

  test("malformed JSON is 400 and stores nothing", async () => {
    const r = await post("/api/v1/namespaces/default/configmaps", "{not json");
    expect(r.status).toBe(400);
  });

  test("a kind that does not match the URL is 400", async () => {
    const r = await post("/api/v1/namespaces/default/configmaps", JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" } }));
    expect(r.status).toBe(400);
  });

  test("a namespace mismatch is 400", async () => {
    const r = await post("/api/v1/namespaces/default/configmaps", JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "other" } }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).message).toContain("does not match the namespace");
  });

  test("an unknown field under Strict is 400 and under Warn a warning", async () => {
    const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "strict" }, bogus: 1 });
    const strict = await post("/api/v1/namespaces/default/configmaps?fieldValidation=Strict", body);
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as any).message).toContain('unknown field "bogus"');
    const warn = await post("/api/v1/namespaces/default/configmaps?fieldValidation=Warn", body);
    expect(warn.status).toBe(201);
    expect(warn.headers.get("warning")).toContain("unknown field");
    expect(((await warn.json()) as any).bogus).toBeUndefined();
  });

  test("a body over 3 MiB is 413", async () => {
    const big = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big" }, data: { a: "x".repeat(3 * 1024 * 1024 + 10) } });
    const r = await post("/api/v1/namespaces/default/configmaps", big);
    expect(r.status).toBe(413);
  });

  test("an unsupported patch type is 415", async () => {
    const r = await c.fetch("/api/v1/namespaces/default/configmaps/strict", { method: "PATCH", body: "{}", headers: { "content-type": "text/plain" } });
    expect(r.status).toBe(415);
  });

  test("an invalid object is 422 with field causes", async () => {
    const r = await post("/apis/apps/v1/namespaces/default/deployments", JSON.stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "bad" }, spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "c" } }, spec: { containers: [{ name: "x" }] } } } }));
    expect(r.status).toBe(422);
    const s = (await r.json()) as any;
    expect(s.reason).toBe("Invalid");
    expect(s.details.causes.map((x: { field: string }) => x.field)).toContain("spec.template.spec.containers[0].image");
  });
});
