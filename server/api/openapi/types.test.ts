import { describe, expect, test } from "bun:test";
import { StatusError } from "../../../shared/api/errors.ts";
import { CM_PATH, DEPLOY_PATH, fixtures, json, patch, post, rejects, type Api } from "../bad-input-cases.ts";
import { send } from "../fuzz-send.ts";
import { checkTypes, MAX_DEPTH, typeProblems, type TypeTarget } from "./types.ts";

const CONFIGMAP: TypeTarget = { kind: "ConfigMap", group: "", version: "v1" };
const POD: TypeTarget = { kind: "Pod", group: "", version: "v1" };
const SERVICE: TypeTarget = { kind: "Service", group: "", version: "v1" };
const DEPLOYMENT: TypeTarget = { kind: "Deployment", group: "apps", version: "v1" };

/** The error checkTypes throws, or undefined when the object passes. */
function failure(t: TypeTarget, obj: unknown, old?: unknown): StatusError | undefined {
  try {
    checkTypes(t, obj, old);
    return undefined;
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
}
const message = (t: TypeTarget, obj: unknown) => failure(t, obj)?.message;
const nested = (levels: number, inner: unknown = 1) => {
  let v = inner;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe("built-in kinds fail as upstream's decoding does: 400 naming the Go field and type", () => {
  test("a ConfigMap data value that is a number", () => {
    const e = failure(CONFIGMAP, { metadata: { name: "a" }, data: { a: 1 } });
    expect(e?.code).toBe(400);
    expect(e?.reason).toBe("BadRequest");
    expect(e?.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  test("the innermost struct and the field path without indexes or map keys", () => {
    const pod = { spec: { containers: [{ name: "c", env: [{ name: "A", value: true }] }] } };
    expect(message(POD, pod)).toEndWith("json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string");
    expect(message(POD, { spec: { terminationGracePeriodSeconds: "5" } })).toEndWith("cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64");
    expect(message(SERVICE, { status: { loadBalancer: { ingress: "x" } } })).toEndWith("Go struct field LoadBalancerStatus.status.loadBalancer.ingress of type []v1.LoadBalancerIngress");
    expect(message(SERVICE, { status: { loadBalancer: { ingress: ["x"] } } })).toEndWith("Go struct field LoadBalancerStatus.status.loadBalancer.ingress of type v1.LoadBalancerIngress");
  });

  test("integers must be whole and fit their int32 or int64", () => {
    expect(message(DEPLOYMENT, { spec: { replicas: 5e-324 } })).toEndWith("cannot unmarshal number 5e-324 into Go struct field DeploymentSpec.spec.replicas of type int32");
    expect(message(DEPLOYMENT, { spec: { replicas: 2 ** 31 } })).toContain("number 2147483648");
    expect(failure(DEPLOYMENT, { spec: { replicas: 2 ** 31 - 1 } })).toBeUndefined();
    expect(failure(DEPLOYMENT, { spec: { replicas: -(2 ** 31) } })).toBeUndefined();
    expect(failure(DEPLOYMENT, { status: { observedGeneration: 2 ** 62 } })).toBeUndefined();
    // JSON writes -2^63 as -9223372036854776000, which Go cannot read back into an int64.
    expect(message(DEPLOYMENT, { status: { observedGeneration: -(2 ** 63) } })).toContain("of type int64");
  });

  test("int-or-string holds an int32 or a string; a quantity a string or a number", () => {
    const port = (targetPort: unknown) => ({ spec: { ports: [{ port: 80, targetPort }] } });
    expect(failure(SERVICE, port(8080))).toBeUndefined();
    expect(failure(SERVICE, port("http"))).toBeUndefined();
    expect(message(SERVICE, port(1.5))).toEndWith("cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.targetPort of type intstr.IntOrString");
    expect(message(SERVICE, port(2 ** 31))).toContain("intstr.IntOrString");
    const limits = (cpu: unknown) => ({ spec: { containers: [{ name: "c", resources: { limits: { cpu } } }] } });
    expect(failure(POD, limits("500m"))).toBeUndefined();
    expect(failure(POD, limits(0.5))).toBeUndefined();
    expect(message(POD, limits(["1"]))).toEndWith("cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type resource.Quantity");
  });

  test("byte fields are base64 and times RFC 3339", () => {
    expect(failure(CONFIGMAP, { binaryData: { a: "aGk=" } })).toBeUndefined();
    expect(message(CONFIGMAP, { binaryData: { a: "not base64!" } })).toContain("illegal base64 data in Go struct field ConfigMap.binaryData of type []uint8");
    const created = (creationTimestamp: unknown) => ({ metadata: { name: "a", creationTimestamp } });
    for (const ok of ["2025-01-02T15:04:05Z", "2024-02-29T23:59:59.123456+05:30", null]) expect(failure(CONFIGMAP, created(ok))).toBeUndefined();
    for (const bad of ["2025-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2025-01-02 15:04:05Z", "yesterday", ""]) {
      expect(message(CONFIGMAP, created(bad))).toContain("Go struct field ObjectMeta.metadata.creationTimestamp of type v1.Time");
    }
  });

  test("null is a zero value anywhere, and free-form fields take any JSON", () => {
    expect(failure(DEPLOYMENT, { metadata: { creationTimestamp: null, labels: null }, spec: { replicas: null, template: { spec: null } }, status: {} })).toBeUndefined();
    const managed = { metadata: { managedFields: [{ manager: "m", fieldsV1: { "f:data": { "f:a": {} }, x: [1, "two", { three: true }] } }] } };
    expect(failure(CONFIGMAP, managed)).toBeUndefined();
    expect(failure({ kind: "Unknown", group: "nowhere.example.com", version: "v1" }, { spec: { anything: [1, "x"] } })).toBeUndefined();
  });

  test("unknown fields are left to fieldValidation", () => {
    expect(failure(POD, { spec: { bogus: "x", containers: [{ name: "c", extra: 1 }] } })).toBeUndefined();
  });

  test(`nesting deeper than ${MAX_DEPTH} levels is a 400, even where any value goes`, () => {
    const managed = (depth: number) => ({ metadata: { managedFields: [{ fieldsV1: { x: nested(depth) } }] } });
    expect(failure(CONFIGMAP, managed(MAX_DEPTH - 10))).toBeUndefined();
    const e = failure(CONFIGMAP, managed(MAX_DEPTH));
    expect(e?.code).toBe(400);
    expect(e?.message).toContain(`nests deeper than ${MAX_DEPTH} levels (at metadata.managedFields[0].fieldsV1.x[0][0][0]…)`);
  });

  test("a deeply nested array where a number belongs is a type error, not a stack overflow", () => {
    expect(message(DEPLOYMENT, { spec: { replicas: nested(20_000) } })).toEndWith("cannot unmarshal array into Go struct field DeploymentSpec.spec.replicas of type int32");
  });

  test("a value stored before is not judged again on update", () => {
    const old = { data: { a: 1 }, metadata: { name: "a" } };
    expect(failure(CONFIGMAP, { data: { a: 1 }, metadata: { name: "a", labels: { x: "y" } } }, old)).toBeUndefined();
    expect(failure(CONFIGMAP, { data: { a: 2 }, metadata: { name: "a" } }, old)?.code).toBe(400);
  });

  test("typeProblems lists every problem without throwing", () => {
    expect(typeProblems(POD, { spec: { terminationGracePeriodSeconds: "5", hostNetwork: 1 } })).toEqual([
      "spec.terminationGracePeriodSeconds: json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64",
      "spec.hostNetwork: json: cannot unmarshal number into Go struct field PodSpec.spec.hostNetwork of type bool",
    ]);
  });
});

const widgetSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["size"],
      properties: {
        size: { type: "integer", minimum: 1, maximum: 10 },
        ratio: { type: "number", exclusiveMinimum: true, minimum: 0, multipleOf: 0.5 },
        color: { type: "string", enum: ["red", "blue"] },
        name: { type: "string", pattern: "^[a-z]+$", maxLength: 5, minLength: 2 },
        tags: { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } },
        labels: { type: "object", additionalProperties: { type: "string" }, maxProperties: 2 },
        port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
        when: { type: "string", format: "date-time" },
        note: { type: "string" },
        maybe: { type: "string", nullable: true },
        extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object" } } },
        replicas: { type: "integer", maximum: 100 },
      },
    },
    status: { type: "object", properties: { replicas: { type: "integer" }, selector: { type: "string" } } },
  },
};
const WIDGET: TypeTarget = { kind: "Widget", group: "example.com", version: "v1", crdSchema: widgetSchema };
const widget = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name: "w", ...metadata },
  spec: { size: 1, ...spec } as Record<string, unknown>,
});
const causes = (obj: unknown) => failure(WIDGET, obj)?.details?.causes ?? [];

describe("custom resources fail as upstream's schema validation does: 422 with every cause", () => {
  test("a wrong type, worded as upstream words it", () => {
    const e = failure(WIDGET, widget({ size: "x" }));
    expect(e?.code).toBe(422);
    expect(e?.message).toBe('Widget.example.com "w" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
    expect(e?.details?.causes).toEqual([{ reason: "FieldValueTypeInvalid", field: "spec.size", message: 'Invalid value: "string": spec.size in body must be of type integer: "string"' }]);
    expect(causes(widget({ size: 1.5 }))[0]?.message).toBe('Invalid value: "number": spec.size in body must be of type integer: "number"');
    expect(causes(widget({ port: 1.5 }))[0]?.message).toBe('Invalid value: "number": spec.port in body must be of type integer,string: "number"');
    expect(causes(widget({ tags: ["a", 2] }))[0]?.field).toBe("spec.tags[1]");
  });

  test("the structural schema's value checks", () => {
    const spec = { size: 11, ratio: 0, color: "green", name: "ABCDEFG", tags: [], labels: { a: "1", b: "2", c: "3" }, when: "soon" };
    expect(causes(widget(spec)).map((c) => `${c.reason} ${c.field}: ${c.message}`)).toEqual([
      "FieldValueInvalid spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
      "FieldValueInvalid spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0",
      'FieldValueNotSupported spec.color: Unsupported value: "green": supported values: "red", "blue"',
      "FieldValueTooLong spec.name: Too long: may not be more than 5 bytes",
      `FieldValueInvalid spec.name: Invalid value: "ABCDEFG": spec.name in body should match '^[a-z]+$'`,
      "FieldValueInvalid spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items",
      "FieldValueTooMany spec.labels: Too many: 3: must have at most 2 items",
      'FieldValueTypeInvalid spec.when: Invalid value: "soon": spec.when in body must be of type date-time: "soon"',
    ]);
    expect(causes(widget({ size: 0, ratio: 0.75, name: "a", tags: ["a", "b", "c"] })).map((c) => c.message)).toEqual([
      "Invalid value: 0: spec.size in body should be greater than or equal to 1",
      "Invalid value: 0.75: spec.ratio in body should be a multiple of 0.5",
      'Invalid value: "a": spec.name in body should be at least 2 chars long',
      "Too many: 3: must have at most 2 items",
    ]);
    expect(causes({ metadata: { name: "w" }, spec: {} })).toEqual([{ reason: "FieldValueRequired", field: "spec.size", message: "Required value" }]);
    expect(failure(WIDGET, widget({ size: 10, ratio: 1.5, color: "red", name: "abc", tags: ["x"], port: "http", when: "2025-01-02T15:04:05Z" }))).toBeUndefined();
  });

  test("lengths count characters, not UTF-16 units", () => {
    expect(failure(WIDGET, widget({ name: "ab" }))).toBeUndefined();
    expect(causes(widget({ note: "x", name: "😀😀😀😀😀" })).map((c) => c.reason)).toEqual(["FieldValueInvalid"]); // the pattern, not the length
  });

  test("null: dropped where the schema does not allow it, kept where it is nullable, a type error in a list", () => {
    const obj = widget({ note: null, maybe: null });
    expect(failure(WIDGET, obj)).toBeUndefined();
    expect(obj.spec).toEqual({ size: 1, maybe: null });
    expect(causes(widget({ tags: [null] }))[0]?.message).toBe('Invalid value: "null": spec.tags[0] in body must be of type string: "null"');
  });

  test("preserved fields take anything, embedded objects get typed metadata, metadata is typed too", () => {
    expect(failure(WIDGET, widget({ extra: { a: [1, { b: "c" }], d: null } }))).toBeUndefined();
    expect(failure(WIDGET, widget({ template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { x: 1 } } }))).toBeUndefined();
    expect(causes(widget({ template: { kind: 1, metadata: { labels: { a: 2 } } } })).map((c) => c.field)).toEqual(["spec.template.kind", "spec.template.metadata.labels.a"]);
    expect(causes(widget({}, { labels: { a: 1 } })).map((c) => c.field)).toEqual(["metadata.labels.a"]);
  });

  test("an object stored before its schema got stricter stays writable where it is unchanged", () => {
    const old = widget({ size: 50, color: "green" });
    expect(failure(WIDGET, { ...widget({ size: 50, color: "green" }), status: { replicas: 1 } }, old)).toBeUndefined();
    expect(causes(widget({ size: 60, color: "green" })).map((c) => c.field)).toEqual(["spec.size", "spec.color"]);
  });

  test("typeProblems reports without changing the object", () => {
    const obj = widget({ size: "x", note: null });
    expect(typeProblems(WIDGET, obj)).toEqual(['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']);
    expect(obj.spec.note).toBeNull();
  });
});

const WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
const widgetCrd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } },
      schema: { openAPIV3Schema: widgetSchema },
    }],
  },
};

/** The typed Widget CRD, established, and a Widget "w" in "default". */
async function withWidget(a: Api) {
  const created = await send(a.app, post(json(widgetCrd), "application/json", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"));
  expect(created.status).toBe(201);
  for (let i = 0; i < 200; i++) {
    const crd = await send(a.app, { method: "GET", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com" });
    if (crd.json?.status?.conditions?.some((c: { type: string }) => c.type === "Established")) break;
    await Bun.sleep(5);
  }
  const w = await send(a.app, post(json(widget({ replicas: 1 })), "application/json", WIDGETS));
  expect(w.status).toBe(201);
}

describe("every write is checked before it is stored", () => {
  const status = (code: number, reason: string) => ({ status: code, reason });
  rejects([
    { name: "create: a custom resource of the wrong type is 422", setup: withWidget, req: post(json({ ...widget({ size: "x" }), metadata: { name: "x" } }), "application/json", WIDGETS), ...status(422, "Invalid") },
    { name: "replace: a Deployment with spec.replicas 5e-324 is 400", req: { method: "PUT", path: `${DEPLOY_PATH}/web`, headers: { "content-type": "application/json" }, body: `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5e-324}}` }, ...status(400, "BadRequest") },
    { name: "JSON patch: a ConfigMap value that becomes a number is 400", req: patch(json([{ op: "add", path: "/data/b", value: 2 }]), "application/json-patch+json"), ...status(400, "BadRequest") },
    { name: "strategic merge patch: a Deployment replicas string is 400", req: patch(json({ spec: { replicas: "2" } }), "application/strategic-merge-patch+json", `${DEPLOY_PATH}/web`), ...status(400, "BadRequest") },
    { name: "apply: a ConfigMap data value that is a list is 400", req: { method: "PATCH", path: `${CM_PATH}/cm?fieldManager=t&force=true`, headers: { "content-type": "application/apply-patch+yaml" }, body: json({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { a: ["1"] } }) }, ...status(400, "BadRequest") },
    { name: "apply create: a ConfigMap immutable that is a string is 400", req: { method: "PATCH", path: `${CM_PATH}/new?fieldManager=t`, headers: { "content-type": "application/apply-patch+yaml" }, body: json({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "new" }, immutable: "yes" }) }, ...status(400, "BadRequest") },
    { name: "status replace: Deployment status.conditions that is an object is 400", req: { method: "PUT", path: `${DEPLOY_PATH}/web/status`, headers: { "content-type": "application/json" }, body: json({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, status: { conditions: {} } }) }, ...status(400, "BadRequest") },
    { name: "status patch: a custom resource status.replicas that is a string is 422", setup: withWidget, req: patch(json({ status: { replicas: "two" } }), "application/merge-patch+json", `${WIDGETS}/w/status`), ...status(422, "Invalid") },
    { name: "scale: replicas that are a string are 400", req: patch(json({ spec: { replicas: "two" } }), "application/merge-patch+json", `${DEPLOY_PATH}/web/scale`), ...status(400, "BadRequest") },
    { name: "scale: replicas past int32 are 400", req: { method: "PUT", path: `${DEPLOY_PATH}/web/scale`, headers: { "content-type": "application/json" }, body: json({ apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web" }, spec: { replicas: 2 ** 31 } }) }, ...status(400, "BadRequest") },
    { name: "scale: a custom resource's replicas that are not whole are 400", setup: withWidget, req: patch(json({ spec: { replicas: 1.5 } }), "application/merge-patch+json", `${WIDGETS}/w/scale`), ...status(400, "BadRequest") },
    { name: "scale: a custom resource's replicas past its schema's maximum are 422", setup: withWidget, req: patch(json({ spec: { replicas: 101 } }), "application/merge-patch+json", `${WIDGETS}/w/scale`), ...status(422, "Invalid") },
  ]);

  test("a custom resource's 422 carries the causes", async () => {
    await using api = await fixtures();
    await withWidget(api);
    const r = await send(api.app, patch(json({ spec: { size: "x", color: "green" } }), "application/merge-patch+json", `${WIDGETS}/w`));
    expect(r.status).toBe(422);
    expect(r.json.details.causes.map((c: { field: string }) => c.field)).toEqual(["spec.size", "spec.color"]);
  });

  test("a custom resource scales within its schema", async () => {
    await using api = await fixtures();
    await withWidget(api);
    expect((await send(api.app, { method: "GET", path: `${WIDGETS}/w/scale` })).json.spec.replicas).toBe(1);
    const scaled = await send(api.app, patch(json({ spec: { replicas: 3 } }), "application/merge-patch+json", `${WIDGETS}/w/scale`));
    expect(scaled.status).toBe(200);
    expect(scaled.json.spec.replicas).toBe(3);
  });
});
