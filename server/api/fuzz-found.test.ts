// Requests the API fuzz test (fuzz.test.ts) found answering 500, or storing before failing; each
// is kept here as a plain regression case.
import { describe, expect, test } from "bun:test";
import { CM_PATH, cm, fixtures, json, patch, post, rejects, type Api } from "./bad-input-cases.ts";
import { send } from "./fuzz-send.ts";

describe("inputs the fuzz test found answering 500 or storing anyway", () => {
  const deep = "[".repeat(20_000) + "]".repeat(20_000);
  const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";
  const podOnNode = async (a: Api) => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { nodeName: "node1", containers: [{ name: "c", image: "nginx" }] } };
    expect((await send(a.app, post(json(pod), "application/json", "/api/v1/namespaces/default/pods"))).status).toBe(201);
  };
  rejects([
    { name: "a malformed percent-escape in the path is 400", req: { method: "GET", path: `${CM_PATH}/%ZZ` }, status: 400, reason: "BadRequest" },
    { name: "a malformed percent-escape in a write's path is 400", req: { method: "PUT", path: `${CM_PATH}/%E0%A4%A`, headers: { "content-type": "application/json" }, body: json(cm) }, status: 400, reason: "BadRequest" },
    {
      name: "a write with a bad includeObject for its Table answer is 400 before anything is stored",
      req: { method: "PUT", path: `${CM_PATH}/cm?includeObject=Bogus`, headers: { "content-type": "application/json", accept: TABLE }, body: json({ ...cm, data: { a: "2" } }) },
      status: 400,
      reason: "BadRequest",
    },
    { name: "GET on pods/binding is 405", setup: podOnNode, req: { method: "GET", path: "/api/v1/namespaces/default/pods/p/binding" }, status: 405, reason: "MethodNotAllowed" },
    { name: "PUT on pods/eviction is 405", setup: podOnNode, req: { method: "PUT", path: "/api/v1/namespaces/default/pods/p/eviction", headers: { "content-type": "application/json" }, body: json({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "p" } }) }, status: 405, reason: "MethodNotAllowed" },
    { name: "a DeleteOptions gracePeriodSeconds that is a string is 400", setup: podOnNode, req: { method: "DELETE", path: "/api/v1/namespaces/default/pods/p", headers: { "content-type": "application/json" }, body: json({ gracePeriodSeconds: "x" }) }, status: 400, reason: "BadRequest" },
    { name: "a gracePeriodSeconds query beyond int64 is 400", setup: podOnNode, req: { method: "DELETE", path: "/api/v1/namespaces/default/pods/p?gracePeriodSeconds=99999999999999999999" }, status: 400, reason: "BadRequest" },
    { name: "a deeply nested propagationPolicy is 400", req: { method: "DELETE", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: `{"propagationPolicy":${deep}}` }, status: 400, reason: "BadRequest" },
    {
      name: "an Eviction whose deleteOptions has a wrong-typed field is 400",
      setup: podOnNode,
      req: post(json({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "p" }, deleteOptions: { gracePeriodSeconds: "soon" } }), "application/json", "/api/v1/namespaces/default/pods/p/eviction"),
      status: 400,
      reason: "BadRequest",
    },
    { name: "metadata that is a string is 400 on create", req: post(json({ ...cm, metadata: "x" }), "application/json"), status: 400, reason: "BadRequest" },
    { name: "metadata that is a string is 400 on replace", req: { method: "PUT", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: json({ ...cm, metadata: "null" }) }, status: 400, reason: "BadRequest" },
    { name: "a merge patch setting metadata to false is 400", req: patch(json({ metadata: false }), "application/merge-patch+json"), status: 400, reason: "BadRequest" },
    { name: "labels with a number value are 400", req: post(json({ ...cm, metadata: { name: "l", labels: { a: 1 } } }), "application/json"), status: 400, reason: "BadRequest" },
    { name: "a kind that is a deeply nested array is 400", req: post(`{"apiVersion":"v1","kind":${deep},"metadata":{"name":"k"}}`, "application/json"), status: 400, reason: "BadRequest" },
    { name: "a name that is a deeply nested array is 400 on replace", req: { method: "PUT", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":${deep}}}` }, status: 400, reason: "BadRequest" },
    {
      name: "a continue token with a revision the store has not reached is 400",
      req: { method: "GET", path: `${CM_PATH}?limit=1&continue=${Buffer.from(json({ rv: 1e20, start: "/registry/core/configmaps/default/" })).toString("base64url")}` },
      status: 400,
      reason: "BadRequest",
    },
  ]);

  test("an unknown field whose name is not ASCII is warned about, not a 500", async () => {
    await using api = await fixtures();
    const r = await send(api.app, post(json({ ...cm, metadata: { name: "w" }, "dü💥": 1 }), "application/json"));
    expect(r.status).toBe(201);
    expect(r.headers.get("warning")).toContain("unknown field");
  });

  test("a pod deleted with a grace period past the year 9999 gets the latest deletionTimestamp RFC 3339 can write", async () => {
    await using api = await fixtures();
    await podOnNode(api);
    const r = await send(api.app, { method: "DELETE", path: "/api/v1/namespaces/default/pods/p?gracePeriodSeconds=9000000000000" });
    expect(r.status).toBe(200);
    expect(r.json.metadata.deletionTimestamp).toBe("9999-12-31T23:59:59Z");
  });
});

describe("dry runs the fuzz test found storing", () => {
  test("an eviction with ?dryRun=All answers 201 and deletes nothing", async () => {
    await using api = await fixtures();
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    expect((await send(api.app, post(json(pod), "application/json", "/api/v1/namespaces/default/pods"))).status).toBe(201);
    const before = api.backend.currentRevision();
    const eviction = json({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "p" } });
    const r = await send(api.app, post(eviction, "application/json", "/api/v1/namespaces/default/pods/p/eviction?dryRun=All"));
    expect(r.status).toBe(201);
    expect(api.backend.currentRevision()).toBe(before);
  });

  rejects([
    {
      name: "an eviction with ?dryRun=Bogus is 400",
      setup: async (a: Api) => void (await send(a.app, post(json({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } }), "application/json", "/api/v1/namespaces/default/pods"))),
      req: post(json({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "p" } }), "application/json", "/api/v1/namespaces/default/pods/p/eviction?dryRun=Bogus"),
      status: 400,
      reason: "BadRequest",
    },
  ]);
});

// Typed clients cannot decode an object whose field has the wrong JSON type (kubectl: "cannot
// unmarshal string into Go struct field"), so upstream rejects such writes while decoding (400) or,
// for custom resources, in schema validation (422). These are stored today.
describe("wrong JSON types the fuzz test found stored", () => {
  rejects([
    { name: "a ConfigMap data value that is a number is 400", req: post(json({ ...cm, metadata: { name: "n" }, data: { a: 1 } }), "application/json"), status: 400, reason: "BadRequest" },
    {
      name: "a Pod terminationGracePeriodSeconds that is a string is 400",
      req: post(json({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { terminationGracePeriodSeconds: "5", containers: [{ name: "c", image: "nginx" }] } }), "application/json", "/api/v1/namespaces/default/pods"),
      status: 400,
      reason: "BadRequest",
    },
  ]);

  test("a status patch that makes Deployment status.replicas a string is rejected and not stored", async () => {
    await using api = await fixtures();
    const before = api.backend.currentRevision();
    const r = await send(api.app, patch(json({ status: { replicas: "two" } }), "application/merge-patch+json", "/apis/apps/v1/namespaces/default/deployments/web/status"));
    expect([400, 422]).toContain(r.status);
    expect(api.backend.currentRevision()).toBe(before);
  });
});

test("a watch with timeoutSeconds past what a timer can hold stays open instead of closing at once", async () => {
  await using api = await fixtures();
  const r = await send(api.app, { method: "GET", path: `${CM_PATH}?watch=true&timeoutSeconds=99999999999` });
  expect(r.status).toBe(200);
  expect(r.streamed).toBe(true);
});

rejects([
  {
    name: "a YAML body with a mapping as a key is 400, not stringified",
    req: post("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\ndata:\n  ? [a]\n  : b\n", "application/yaml"),
    status: 400,
    reason: "BadRequest",
  },
]);
