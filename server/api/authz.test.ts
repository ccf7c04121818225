import { afterEach, describe, expect, test } from "bun:test";
import { createApp } from "./app.ts";
import { TokenAuthenticator } from "./auth.ts";
import { testApi, TEST_TOKEN } from "./testing.ts";
import { generateKeyPair, privateKeyToPem } from "../../shared/pki/keys.ts";
import { ServiceAccountTokens } from "./serviceaccount/tokens.ts";

let api: Awaited<ReturnType<typeof testApi>>;
afterEach(() => api?.close());

/** An API where `n1-token` / `n2-token` are the nodes n1 / n2 and TEST_TOKEN is the admin. */
async function setup() {
  api = await testApi();
  const auth = new TokenAuthenticator();
  auth.add(TEST_TOKEN, { name: "admin", groups: ["system:masters"] });
  for (const n of ["n1", "n2"]) auth.add(`${n}-token`, { name: `system:node:${n}`, groups: ["system:nodes", "system:authenticated"] });
  auth.add("odd-token", { name: "someone", groups: ["system:nodes"] });
  const app = createApp({ ctx: api.ctx, auth, ready: () => true });
  const as = (token: string) => async (method: string, path: string, body?: unknown, contentType = "application/json") => {
    const res = await app.fetch(
      new Request(`https://kubun.test${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": contentType },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
  };
  return { admin: as(TEST_TOKEN), n1: as("n1-token"), odd: as("odd-token") };
}

const node = (name: string) => ({ apiVersion: "v1", kind: "Node", metadata: { name } });
const pod = (name: string, nodeName?: string, secret?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: {
    ...(nodeName ? { nodeName } : {}),
    containers: [{ name: "c", image: "busybox", ...(secret ? { env: [{ name: "X", valueFrom: { secretKeyRef: { name: secret, key: "k" } } }] } : {}) }],
  },
});
const lease = (name: string) => ({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name, namespace: "kube-node-lease" }, spec: { holderIdentity: name } });
const MERGE = "application/merge-patch+json";

describe("node authorization", () => {
  test("a node creates and updates its own Node but no other, with upstream's Forbidden message", async () => {
    const { admin, n1 } = await setup();
    expect((await n1("POST", "/api/v1/nodes", node("n1"))).status).toBe(201);
    const other = await n1("POST", "/api/v1/nodes", node("n2"));
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('nodes is forbidden: User "system:node:n1" cannot create resource "nodes" in API group "" at the cluster scope');
    await admin("POST", "/api/v1/nodes", node("n2"));
    expect((await n1("PATCH", "/api/v1/nodes/n1", { metadata: { labels: { a: "b" } } }, MERGE)).status).toBe(200);
    expect((await n1("PATCH", "/api/v1/nodes/n1/status", { status: { phase: "Running" } }, MERGE)).status).toBe(200);
    const patch = await n1("PATCH", "/api/v1/nodes/n2", { metadata: { labels: { a: "b" } } }, MERGE);
    expect(patch.status).toBe(403);
    expect(patch.json).toMatchObject({ reason: "Forbidden", details: { name: "n2", kind: "nodes", group: "" } });
    const put = await n1("PUT", "/api/v1/nodes/n2", node("n2"));
    expect(put.json.message).toBe('nodes "n2" is forbidden: User "system:node:n1" cannot update resource "nodes" in API group "" at the cluster scope');
    expect((await n1("PUT", "/api/v1/nodes/n2/status", node("n2"))).status).toBe(403);
    expect((await n1("DELETE", "/api/v1/nodes/n2")).status).toBe(403);
    expect((await n1("GET", "/api/v1/nodes")).status).toBe(200);
    expect((await n1("GET", "/api/v1/nodes/n2")).status).toBe(200);
  });

  test("a node keeps its own Lease in kube-node-lease and touches no other", async () => {
    const { n1 } = await setup();
    expect((await n1("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", lease("n1"))).status).toBe(201);
    const other = await n1("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", lease("n2"));
    expect(other.json.message).toBe('leases.coordination.k8s.io is forbidden: User "system:node:n1" cannot create resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease"');
    expect((await n1("PATCH", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1", { spec: { leaseDurationSeconds: 40 } }, MERGE)).status).toBe(200);
    expect((await n1("POST", "/apis/coordination.k8s.io/v1/namespaces/default/leases", { ...lease("n1"), metadata: { name: "n1", namespace: "default" } })).status).toBe(403);
    expect((await n1("DELETE", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1")).status).toBe(200);
  });

  test("a node writes the status of and deletes only pods bound to it", async () => {
    const { admin, n1 } = await setup();
    await admin("POST", "/api/v1/namespaces/default/pods", pod("mine", "n1"));
    await admin("POST", "/api/v1/namespaces/default/pods", pod("theirs", "n2"));
    await admin("POST", "/api/v1/namespaces/default/pods", pod("pending"));
    const status = { status: { phase: "Running" } };
    expect((await n1("PATCH", "/api/v1/namespaces/default/pods/mine/status", status, MERGE)).status).toBe(200);
    expect((await n1("PATCH", "/api/v1/namespaces/default/pods/theirs/status", status, MERGE)).status).toBe(403);
    expect((await n1("PATCH", "/api/v1/namespaces/default/pods/pending/status", status, MERGE)).status).toBe(403);
    expect((await n1("PATCH", "/api/v1/namespaces/default/pods/mine", { metadata: { labels: { a: "b" } } }, MERGE)).status).toBe(403);
    expect((await n1("POST", "/api/v1/namespaces/default/pods", pod("new", "n1"))).status).toBe(403);
    expect((await n1("DELETE", "/api/v1/namespaces/default/pods/theirs")).status).toBe(403);
    expect((await n1("DELETE", "/api/v1/namespaces/default/pods/mine")).status).toBe(200);
    expect((await n1("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1")).status).toBe(200);
    expect((await n1("GET", "/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1")).status).toBe(200);
  });

  test("a node reads only the Secrets that pods bound to it use", async () => {
    const { admin, n1 } = await setup();
    for (const name of ["used", "unused", "elsewhere"]) {
      await admin("POST", "/api/v1/namespaces/default/secrets", { apiVersion: "v1", kind: "Secret", metadata: { name }, data: { k: "dg==" } });
    }
    await admin("POST", "/api/v1/namespaces/default/pods", pod("mine", "n1", "used"));
    await admin("POST", "/api/v1/namespaces/default/pods", pod("theirs", "n2", "elsewhere"));
    expect((await n1("GET", "/api/v1/namespaces/default/secrets/used")).status).toBe(200);
    expect((await n1("GET", "/api/v1/namespaces/default/secrets?fieldSelector=metadata.name%3Dused")).status).toBe(200);
    const denied = await n1("GET", "/api/v1/namespaces/default/secrets/elsewhere");
    expect(denied.json.message).toBe(
      `secrets "elsewhere" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'n1' and this object`,
    );
    expect((await n1("GET", "/api/v1/namespaces/default/secrets/unused")).status).toBe(403);
    expect((await n1("GET", "/api/v1/namespaces/default/secrets")).status).toBe(403);
    expect((await n1("GET", "/api/v1/secrets")).status).toBe(403);
    expect((await n1("PUT", "/api/v1/namespaces/default/secrets/used", { apiVersion: "v1", kind: "Secret", metadata: { name: "used" } })).status).toBe(403);
  });

  test("a node creates events and reads services, endpoints and configmaps, but writes none of them", async () => {
    const { n1 } = await setup();
    const ev = { apiVersion: "v1", kind: "Event", metadata: { name: "e1", namespace: "default" }, involvedObject: { kind: "Node", name: "n1" }, reason: "Starting", message: "m", type: "Normal" };
    expect((await n1("POST", "/api/v1/namespaces/default/events", ev)).status).toBe(201);
    for (const p of ["services", "endpoints", "configmaps"]) expect((await n1("GET", `/api/v1/namespaces/default/${p}`)).status).toBe(200);
    const cm = await n1("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } });
    expect(cm.status).toBe(403);
    expect((await n1("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "x" } })).status).toBe(403);
    expect((await n1("GET", "/api")).status).toBe(200);
    expect((await n1("GET", "/version")).status).toBe(200);
  });

  test("a system:nodes member without a node user name may do nothing; the admin may do anything", async () => {
    const { admin, odd } = await setup();
    expect((await odd("GET", "/api/v1/namespaces/default/pods")).status).toBe(403);
    expect((await admin("POST", "/api/v1/nodes", node("n9"))).status).toBe(201);
    expect((await admin("GET", "/api/v1/namespaces/default/secrets")).status).toBe(200);
  });

  test("a node gets service account tokens only bound to pods on it running as that account", async () => {
    const { admin, n1 } = await setup();
    api.ctx.serviceAccounts = await ServiceAccountTokens.fromPem(await privateKeyToPem((await generateKeyPair()).privateKey));
    await admin("POST", "/api/v1/namespaces/default/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default" } });
    await admin("POST", "/api/v1/namespaces/default/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "other" } });
    const mine = (await admin("POST", "/api/v1/namespaces/default/pods", pod("mine", "n1"))).json;
    await admin("POST", "/api/v1/namespaces/default/pods", pod("theirs", "n2"));
    const ask = (sa: string, ref?: Record<string, unknown>) =>
      n1("POST", `/api/v1/namespaces/default/serviceaccounts/${sa}/token`, { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { audiences: ["a"], ...(ref ? { boundObjectRef: ref } : {}) } });
    const ok = await ask("default", { kind: "Pod", apiVersion: "v1", name: "mine", uid: mine.metadata.uid });
    expect(ok.status).toBe(201);
    expect(ok.json.status.token).toBeString();
    const unbound = await ask("default");
    expect(unbound.status).toBe(403);
    expect(unbound.json.message).toBe('serviceaccounts "default" is forbidden: User "system:node:n1" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default": node requested token not bound to a pod');
    expect((await ask("default", { kind: "Pod", apiVersion: "v1", name: "theirs" })).json.message).toEndWith("node requested token bound to a pod scheduled on a different node");
    expect((await ask("other", { kind: "Pod", apiVersion: "v1", name: "mine" })).status).toBe(403);
    expect((await ask("default", { kind: "Pod", apiVersion: "v1", name: "ghost" })).status).toBe(403);
    expect((await ask("default", { kind: "Secret", apiVersion: "v1", name: "s" })).status).toBe(403);
    const review = await n1("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    expect(review.json.status.userInfo.username).toBe("system:node:n1");
  });
});
