import { describe, expect, test } from "bun:test";
import type { ResourceType } from "../../registry/types.ts";
import { builtinResources, cronTabs } from "../testutil.ts";
import { buildSwagger } from "./document.ts";
import { toV2Schema } from "./schema.ts";

const doc = buildSwagger([...builtinResources(), cronTabs]);
const ITEM = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";

/** Every `$ref` string anywhere in a value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else if (!k.startsWith("x-")) refsIn(v, out);
    }
  }
  return out;
}

/** A schema and every schema below it. */
function* schemasIn(s: Record<string, any>): Generator<Record<string, any>> {
  yield s;
  for (const p of Object.values(s.properties ?? {})) yield* schemasIn(p as Record<string, any>);
  if (s.items && typeof s.items === "object") yield* schemasIn(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === "object") yield* schemasIn(s.additionalProperties);
  for (const a of s.allOf ?? []) yield* schemasIn(a);
}

describe("the Swagger 2.0 document", () => {
  test("is a Swagger 2.0 document with upstream definition names", () => {
    expect(doc.swagger).toBe("2.0");
    expect(doc.info).toEqual({ title: "Kubernetes", version: "v1.33.0+kubun" });
    const deployment = doc.definitions["io.k8s.api.apps.v1.Deployment"]!;
    expect(deployment["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    expect(doc.definitions["io.k8s.api.core.v1.ConfigMapList"]!["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMapList", version: "v1" }]);
    expect(doc.definitions["com.example.stable.v1.CronTab"]!["x-kubernetes-group-version-kind"]).toEqual([{ group: "stable.example.com", kind: "CronTab", version: "v1" }]);
  });

  test("writes a described reference beside $ref, as upstream v2 does", () => {
    const props = doc.definitions["io.k8s.api.apps.v1.Deployment"]!.properties as Record<string, any>;
    expect(props.spec.$ref).toBe("#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
    expect(props.spec.description).toBeString();
    expect(props.spec.allOf).toBeUndefined();
  });

  test("every reference resolves, since kubectl refuses the whole document over one dangling $ref", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(500);
    for (const ref of refs) {
      expect(ref).toStartWith("#/definitions/");
      expect(doc.definitions[ref.slice("#/definitions/".length)]).toBeDefined();
    }
  });

  test("keeps within what kubectl's model parser accepts: one type, arrays with one item schema", () => {
    for (const s of Object.values(doc.definitions).flatMap((d) => [...schemasIn(d)])) {
      if (s.type !== undefined) expect(["object", "array", "string", "integer", "number", "boolean"]).toContain(s.type);
      if (s.type === "array") expect(s.items).toBeObject();
      for (const k of ["oneOf", "anyOf", "nullable", "not"]) expect(s[k]).toBeUndefined();
    }
  });

  test("publishes IntOrString and Quantity as strings, as upstream", () => {
    expect(doc.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ type: "string", format: "int-or-string" });
    expect(doc.definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"]).toMatchObject({ type: "string" });
  });

  test("keeps strategic-merge-patch metadata as vendor extensions", () => {
    const spec = doc.definitions["io.k8s.api.core.v1.PodSpec"]!.properties as Record<string, any>;
    expect(spec.containers["x-kubernetes-patch-strategy"]).toBe("merge");
    expect(spec.containers["x-kubernetes-patch-merge-key"]).toBe("name");
    expect(spec.containers.items.$ref).toBe("#/definitions/io.k8s.api.core.v1.Container");
  });

  test("a PATCH operation carries the action, the GVK and the write query parameters", () => {
    const patch = doc.paths[ITEM]!.patch as Record<string, any>;
    expect(patch["x-kubernetes-action"]).toBe("patch");
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(patch.parameters[0]).toEqual({ name: "body", in: "body", required: true, schema: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } });
    const query = patch.parameters.filter((p: any) => p.in === "query").map((p: any) => [p.name, p.type]);
    expect(query).toEqual([["dryRun", "string"], ["fieldManager", "string"], ["fieldValidation", "string"], ["force", "boolean"]]);
    expect(patch.consumes).toContain("application/merge-patch+json");
    expect(patch.responses["200"].schema).toEqual({ $ref: "#/definitions/io.k8s.api.apps.v1.Deployment" });
  });

  test("has get, put, patch and delete on items and post on collections, with path parameters on the path item", () => {
    const item = doc.paths[ITEM]!;
    expect(Object.keys(item).sort()).toEqual(["delete", "get", "parameters", "patch", "put"]);
    expect((item.parameters as any[]).map((p) => [p.name, p.in, p.required ?? false])).toEqual([["name", "path", true], ["namespace", "path", true], ["pretty", "query", false]]);
    const post = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments"]!.post as Record<string, any>;
    expect(post["x-kubernetes-action"]).toBe("post");
    expect(post.parameters.map((p: any) => p.name)).toEqual(["body", "dryRun", "fieldManager", "fieldValidation"]);
    expect(doc.paths["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!.patch).toBeDefined();
  });

  test("a kind without schema data keeps its stand-in definition but no GVK, so kubectl uses its own types", () => {
    const widget: ResourceType = { group: "example.kubun.io", version: "v1", kind: "Widget", plural: "widgets", singular: "widget", namespaced: true, strategy: {} };
    const d = buildSwagger([...builtinResources(), widget]);
    const def = d.definitions["io.k8s.api.example.v1.Widget"]!;
    expect(def).toBeDefined();
    expect(def["x-kubernetes-group-version-kind"]).toBeUndefined();
    expect((d.paths["/apis/example.kubun.io/v1/namespaces/{namespace}/widgets/{name}"]!.patch as any)["x-kubernetes-group-version-kind"].kind).toBe("Widget");
  });
});

describe("toV2Schema", () => {
  test("drops v3-only keywords and keeps the first non-null type", () => {
    expect(toV2Schema({ type: ["null", "integer"], nullable: true, minimum: 1 })).toEqual({ type: "integer", minimum: 1 });
    expect(toV2Schema({ "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] })).toEqual({ "x-kubernetes-int-or-string": true, type: "string" });
  });

  test("gives an array without items an any-value item schema", () => {
    expect(toV2Schema({ type: "array" })).toEqual({ type: "array", items: {} });
  });

  test("keeps boolean additionalProperties and converts nested references", () => {
    expect(toV2Schema({ type: "object", additionalProperties: false })).toEqual({ type: "object", additionalProperties: false });
    expect(toV2Schema({ type: "object", additionalProperties: { $ref: "#/components/schemas/a.B" } })).toEqual({ type: "object", additionalProperties: { $ref: "#/definitions/a.B" } });
  });
});
