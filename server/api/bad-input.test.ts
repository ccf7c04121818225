// Bad input: every malformed or contradictory request gets the Status error upstream gives
// (400/413/415/422) and stores nothing (see bad-input-cases.ts for how each case is run).
import { describe, expect } from "bun:test";
import { envelope } from "../../shared/protobuf/wire-builder.ts";
import { CM_PATH, DEPLOY_PATH, cm, deployment, json, patch, PB, pbConfigMap, post, rejects, withWidgets } from "./bad-input-cases.ts";
import type { RawResponse } from "./fuzz-send.ts";

describe("bodies that cannot be decoded", () => {
  rejects([
    { name: "malformed JSON is 400 BadRequest", req: post('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}', "application/json"), status: 400, reason: "BadRequest" },
    { name: "JSON that is an array, not an object, is 400", req: post("[1,2]", "application/json"), status: 400, reason: "BadRequest" },
    { name: "an empty body is 400", req: post("", "application/json"), status: 400, reason: "BadRequest" },
    { name: "malformed YAML is 400", req: post("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n", "application/yaml"), status: 400, reason: "BadRequest" },
    {
      name: "YAML with a duplicate key is 400",
      req: post("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: '1'\n  a: '2'\n", "application/yaml"),
      status: 400,
      reason: "BadRequest",
    },
    { name: "protobuf with bad magic is 400", req: post(Uint8Array.from(pbConfigMap(), (b, i) => (i === 0 ? 0x6a : b)), PB), status: 400, reason: "BadRequest" },
    { name: "a truncated protobuf body is 400", req: post(pbConfigMap().subarray(0, pbConfigMap().length - 3), PB), status: 400, reason: "BadRequest" },
    { name: "protobuf of a kind kubun has no table for is 415", req: post(envelope("v1", "Bogus", [[1, [[1, "x"]]]]), PB), status: 415, reason: "UnsupportedMediaType" },
    { name: "an unknown content type is 415", req: post(json(cm), "text/plain"), status: 415, reason: "UnsupportedMediaType" },
  ]);
});

describe("bodies that contradict the URL", () => {
  rejects([
    { name: "a kind that does not match the URL is 400", req: post(json({ ...cm, kind: "Secret" }), "application/json"), status: 400, reason: "BadRequest" },
    { name: "an apiVersion that does not match the URL is 400", req: post(json({ ...cm, apiVersion: "apps/v1" }), "application/json"), status: 400, reason: "BadRequest" },
    {
      name: "a protobuf body of another kind than the URL is 400",
      req: post(envelope("v1", "Secret", [[1, [[1, "s"]]]]), PB),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "a body namespace that differs from the URL namespace is 400 on create",
      req: post(json({ ...cm, metadata: { name: "other", namespace: "kube-system" } }), "application/json"),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "a body namespace that differs from the URL namespace is 400 on replace",
      req: { method: "PUT", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: json({ ...cm, metadata: { name: "cm", namespace: "kube-system" } }) },
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "a PUT whose body name differs from the URL is 400",
      req: { method: "PUT", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: json({ ...cm, metadata: { name: "other" }, data: { a: "2" } }) },
      status: 400,
      reason: "BadRequest",
    },
  ]);
});

describe("query options that are not valid", () => {
  rejects([
    {
      name: "an unknown field under fieldValidation=Strict is 400 naming the field",
      req: post(json({ ...cm, metadata: { name: "strict" }, bogus: 1, data: { a: "1" } }), "application/json", `${CM_PATH}?fieldValidation=Strict`),
      status: 400,
      reason: "BadRequest",
      check: (r) => expect(r.json.message).toContain('unknown field "bogus"'),
    },
    {
      name: "an unknown field under Strict is 400 on a merge patch too",
      req: patch(json({ spec: { bogus: true } }), "application/merge-patch+json", `${DEPLOY_PATH}/web?fieldValidation=Strict`),
      status: 400,
      reason: "BadRequest",
      check: (r) => expect(r.json.message).toContain('unknown field "spec.bogus"'),
    },
    {
      name: "a JSON body with a duplicate key under fieldValidation=Strict is 400",
      req: post('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},"data":{"a":"1"},"data":{"a":"2"}}', "application/json", `${CM_PATH}?fieldValidation=Strict`),
      status: 400,
      reason: "BadRequest",
      check: (r) => expect(r.json.message).toContain('duplicate field "data"'),
    },
    { name: "fieldValidation=Bogus is 400", req: post(json({ ...cm, metadata: { name: "fv" } }), "application/json", `${CM_PATH}?fieldValidation=Bogus`), status: 400, reason: "BadRequest" },
    { name: "dryRun=Bogus is 400 on create", req: post(json({ ...cm, metadata: { name: "dr" } }), "application/json", `${CM_PATH}?dryRun=Bogus`), status: 400, reason: "BadRequest" },
    { name: "dryRun=Bogus is 400 on patch", req: patch(json({ data: { a: "2" } }), "application/merge-patch+json", `${CM_PATH}/cm?dryRun=Bogus`), status: 400, reason: "BadRequest" },
    { name: "dryRun=Bogus is 400 on delete", req: { method: "DELETE", path: `${CM_PATH}/cm?dryRun=Bogus` }, status: 400, reason: "BadRequest" },
    { name: "a dryRun of Bogus in DeleteOptions is 400", req: { method: "DELETE", path: `${CM_PATH}/cm`, headers: { "content-type": "application/json" }, body: json({ dryRun: ["Bogus"] }) }, status: 400, reason: "BadRequest" },
    { name: "gracePeriodSeconds=abc on delete is 400", req: { method: "DELETE", path: `${CM_PATH}/cm?gracePeriodSeconds=abc` }, status: 400, reason: "BadRequest" },
    { name: "resourceVersion=abc on a list is 400", req: { method: "GET", path: `${CM_PATH}?resourceVersion=abc` }, status: 400, reason: "BadRequest" },
    { name: "resourceVersion=abc on a watch is 400", req: { method: "GET", path: `${CM_PATH}?watch=true&resourceVersion=abc` }, status: 400, reason: "BadRequest" },
    { name: "a negative limit is 400", req: { method: "GET", path: `${CM_PATH}?limit=-1` }, status: 400, reason: "BadRequest" },
    { name: "a continue token that is not one of ours is 400", req: { method: "GET", path: `${CM_PATH}?limit=1&continue=bm90LWEtdG9rZW4` }, status: 400, reason: "BadRequest" },
    {
      name: "a continue token for another collection is 400",
      req: { method: "GET", path: `${CM_PATH}?limit=1&continue=${Buffer.from(json({ v: "meta.k8s.io/v1", rv: 1, start: "/registry/core/secrets/default/x" })).toString("base64url")}` },
      status: 400,
      reason: "BadRequest",
    },
  ]);
});

describe("bodies over the size limit", () => {
  const huge = (n: number) => json({ ...cm, metadata: { name: "huge" }, data: { a: "x".repeat(n) } });
  rejects([
    { name: "a create body over 3 MiB is 413", req: post(huge(3 * 1024 * 1024 + 1), "application/json"), status: 413, reason: "RequestEntityTooLarge" },
    {
      name: "a declared Content-Length over 3 MiB is 413 before the body is read",
      req: { method: "POST", path: CM_PATH, headers: { "content-type": "application/json", "content-length": String(4 * 1024 * 1024) }, body: json(cm) },
      status: 413,
      reason: "RequestEntityTooLarge",
    },
    { name: "a patch body over 3 MiB is 413", req: patch(json({ data: { a: "x".repeat(3 * 1024 * 1024 + 1) } }), "application/merge-patch+json"), status: 413, reason: "RequestEntityTooLarge" },
  ]);
});

describe("patches that cannot apply", () => {
  rejects([
    { name: "a patch with the plain application/json content type is 415", req: patch(json({ data: { a: "2" } }), "application/json"), status: 415, reason: "UnsupportedMediaType" },
    { name: "a patch with an unknown patch content type is 415", req: patch(json({ data: { a: "2" } }), "application/x-bogus-patch"), status: 415, reason: "UnsupportedMediaType" },
    { name: "a CBOR apply patch is 415", req: patch("\xa0", "application/apply-patch+cbor"), status: 415, reason: "UnsupportedMediaType" },
    {
      name: "a strategic merge patch of a CRD-defined kind is 415",
      setup: withWidgets,
      req: patch(json({ spec: { size: 2 } }), "application/strategic-merge-patch+json", "/apis/example.com/v1/namespaces/default/widgets/w1"),
      status: 415,
      reason: "UnsupportedMediaType",
    },
    {
      name: "a JSON patch whose test op fails is 422",
      req: patch(json([{ op: "test", path: "/data/a", value: "not-1" }, { op: "replace", path: "/data/a", value: "2" }]), "application/json-patch+json"),
      status: 422,
      reason: "Invalid",
    },
    { name: "a JSON patch replacing a missing path is 422", req: patch(json([{ op: "replace", path: "/data/missing", value: "2" }]), "application/json-patch+json"), status: 422, reason: "Invalid" },
    { name: "a JSON patch removing a missing path is 422", req: patch(json([{ op: "remove", path: "/metadata/labels/x" }]), "application/json-patch+json"), status: 422, reason: "Invalid" },
    { name: "a JSON patch that is not a list of operations is 400", req: patch(json({ op: "add", path: "/data/b", value: "2" }), "application/json-patch+json"), status: 400, reason: "BadRequest" },
    { name: "a JSON patch with an unknown op is 400", req: patch(json([{ op: "frobnicate", path: "/data/a" }]), "application/json-patch+json"), status: 400, reason: "BadRequest" },
    { name: "a merge patch that is an array is 400", req: patch("[1,2]", "application/merge-patch+json"), status: 400, reason: "BadRequest" },
    { name: "a merge patch that is a string is 400", req: patch('"data"', "application/merge-patch+json"), status: 400, reason: "BadRequest" },
    { name: "a merge patch that is malformed JSON is 400", req: patch('{"data":', "application/merge-patch+json"), status: 400, reason: "BadRequest" },
    { name: "a strategic merge patch that is null is 400", req: patch("null", "application/strategic-merge-patch+json"), status: 400, reason: "BadRequest" },
    { name: "an apply patch without a fieldManager is 400", req: patch(json({ ...cm, data: { a: "2" } }), "application/apply-patch+yaml"), status: 400, reason: "BadRequest" },
    {
      name: "an apply patch whose name differs from the URL is 400",
      req: patch(json({ ...cm, metadata: { name: "other" } }), "application/apply-patch+yaml", `${CM_PATH}/cm?fieldManager=t`),
      status: 400,
      reason: "BadRequest",
    },
    { name: "an empty patch body is 400", req: patch("", "application/merge-patch+json"), status: 400, reason: "BadRequest" },
  ]);
});

describe("objects that fail validation", () => {
  const causes = (r: RawResponse) => (r.json.details?.causes ?? []).map((c: { field?: string }) => c.field);
  const bad = deployment("bad");
  const invalid = {
    ...bad,
    spec: {
      ...bad.spec,
      replicas: -1,
      template: { metadata: { labels: { app: "other" } }, spec: { containers: [{ name: "c", image: "" }] } },
    },
  };
  rejects([
    {
      name: "an invalid Deployment is 422 Invalid with causes naming each field",
      req: post(json(invalid), "application/json", DEPLOY_PATH),
      status: 422,
      reason: "Invalid",
      check: (r) => {
        expect(r.json.message).toStartWith('Deployment.apps "bad" is invalid: ');
        expect(r.json.details).toMatchObject({ name: "bad", group: "apps", kind: "Deployment" });
        expect(causes(r)).toEqual(expect.arrayContaining(["spec.replicas", "spec.template.metadata.labels", "spec.template.spec.containers[0].image"]));
      },
    },
    {
      name: "a merge patch that makes a Deployment invalid is 422 and keeps the stored one",
      req: patch(json({ spec: { replicas: -3 } }), "application/merge-patch+json", `${DEPLOY_PATH}/web`),
      status: 422,
      reason: "Invalid",
      check: (r) => expect(causes(r)).toContain("spec.replicas"),
    },
    {
      name: "changing a Deployment's selector is 422",
      req: patch(json({ spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "x" } } } } }), "application/merge-patch+json", `${DEPLOY_PATH}/web`),
      status: 422,
      reason: "Invalid",
      check: (r) => expect(causes(r)).toContain("spec.selector"),
    },
    {
      name: "a ConfigMap with an invalid name is 422",
      req: post(json({ ...cm, metadata: { name: "Not_A_Name" } }), "application/json"),
      status: 422,
      reason: "Invalid",
      check: (r) => expect(causes(r)).toContain("metadata.name"),
    },
    {
      name: "a custom resource named .. is 422",
      setup: withWidgets,
      req: post(json({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: ".." } }), "application/json", "/apis/example.com/v1/namespaces/default/widgets"),
      status: 422,
      reason: "Invalid",
      check: (r) => expect(causes(r)).toContain("metadata.name"),
    },
    {
      name: "a scale to a negative replica count is 422",
      req: patch(json({ spec: { replicas: -1 } }), "application/merge-patch+json", `${DEPLOY_PATH}/web/scale`),
      status: 422,
      reason: "Invalid",
    },
  ]);
});
