// Reads the encoded document back with BinaryReader, by gnostic's field numbers, and runs the
// same lookups kubectl does on it.
import { describe, expect, test } from "bun:test";
import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import YAML from "yaml";
import { builtinResources, cronTabs } from "../testutil.ts";
import { buildSwagger } from "./document.ts";
import { encodeSwagger } from "./proto.ts";
import { writeSchema } from "./proto-schema.ts";

type Value = Uint8Array | bigint | number;
type Message = Map<number, Value[]>;

function read(bytes: Uint8Array): Message {
  const r = new BinaryReader(bytes);
  const out: Message = new Map();
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    const v: Value = wt === WireType.LengthDelimited ? r.bytes() : wt === WireType.Varint ? BigInt(r.int64()) : wt === WireType.Bit64 ? r.double() : NaN;
    if (Number.isNaN(v)) throw new Error(`unexpected wire type ${wt} for field ${no}`);
    out.set(no, [...(out.get(no) ?? []), v]);
  }
  return out;
}

const text = (m: Message | undefined, no: number) => new TextDecoder().decode((m?.get(no)?.[0] as Uint8Array | undefined) ?? new Uint8Array());
const texts = (m: Message | undefined, no: number) => (m?.get(no) ?? []).map((b) => new TextDecoder().decode(b as Uint8Array));
const sub = (m: Message | undefined, no: number) => (m?.get(no)?.[0] ? read(m.get(no)![0] as Uint8Array) : undefined);
const subs = (m: Message | undefined, no: number) => (m?.get(no) ?? []).map((b) => read(b as Uint8Array));
/** Repeated Named<T>{name 1, value 2} as a JS map. */
const named = (m: Message | undefined, no: number) => new Map(subs(m, no).map((e) => [text(e, 1), sub(e, 2)!]));
/** NamedAny{name, Any{yaml 2}} vendor extensions, parsed as kubectl does. */
const extensions = (m: Message | undefined, no: number) => new Map([...named(m, no)].map(([k, any]) => [k, YAML.parse(text(any, 2))]));

const bytes = encodeSwagger(buildSwagger([...builtinResources(), cronTabs]));
const doc = read(bytes);
const paths = named(sub(doc, 8), 2); // Document.paths 8 → Paths.path 2
const definitions = named(sub(doc, 9), 1); // Document.definitions 9 → additional_properties 1

/** Query parameter names of an operation: ParametersItem.parameter 1 → non_body 2 → query 3 → name 4. */
const queryParams = (op: Message) => subs(op, 8).map((item) => text(sub(sub(sub(item, 1), 2), 3), 4)).filter(Boolean);

/** client-go's v2 supportsQueryParam: the first PATCH operation with the GVK decides. */
function supportsQueryParam(gvk: { group: string; version: string; kind: string }, param: string): boolean | undefined {
  for (const item of paths.values()) {
    const patch = sub(item, 8);
    const ext = extensions(patch, 13).get("x-kubernetes-group-version-kind");
    if (!ext || ext.group !== gvk.group || ext.version !== gvk.version || ext.kind !== gvk.kind) continue;
    return queryParams(patch!).includes(param);
  }
  return undefined;
}

describe("the protobuf document", () => {
  test("is Swagger 2.0 with info", () => {
    expect(text(doc, 1)).toBe("2.0");
    expect(text(sub(doc, 2), 1)).toBe("Kubernetes");
    expect(text(sub(doc, 2), 2)).toBe("v1.33.0+kubun");
  });

  test("has a PATCH operation for Deployment with fieldValidation and the GVK extension", () => {
    const patch = sub(paths.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}"), 8)!;
    expect(text(patch, 5)).toBe("patchAppsV1NamespacedDeployment");
    const ext = extensions(patch, 13);
    expect(ext.get("x-kubernetes-group-version-kind")).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(ext.get("x-kubernetes-action")).toBe("patch");
    expect(queryParams(patch)).toEqual(["dryRun", "fieldManager", "fieldValidation", "force"]);
    const fv = subs(patch, 8).map((i) => sub(sub(sub(i, 1), 2), 3)).find((q) => text(q, 4) === "fieldValidation")!;
    expect(text(fv, 2)).toBe("query");
    expect(text(fv, 6)).toBe("string"); // QueryParameterSubSchema.type is 6 (allow_empty_value is 5)
    // The body parameter: ParametersItem.parameter 1 → body_parameter 1 → schema 5 → _ref 1
    const body = sub(sub(subs(patch, 8)[0], 1), 1)!;
    expect(text(body, 2)).toBe("body");
    expect(text(sub(body, 5), 1)).toBe("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
    expect(texts(patch, 7)).toContain("application/merge-patch+json");
  });

  test("answers client-go's field-validation check for built-in and custom kinds", () => {
    expect(supportsQueryParam({ group: "apps", version: "v1", kind: "Deployment" }, "fieldValidation")).toBe(true);
    expect(supportsQueryParam({ group: "", version: "v1", kind: "ConfigMap" }, "fieldValidation")).toBe(true);
    expect(supportsQueryParam({ group: "", version: "v1", kind: "Namespace" }, "fieldValidation")).toBe(true);
    expect(supportsQueryParam({ group: "stable.example.com", version: "v1", kind: "CronTab" }, "fieldValidation")).toBe(true);
    expect(supportsQueryParam({ group: "apps", version: "v1", kind: "Nope" }, "fieldValidation")).toBeUndefined();
  });

  test("puts path parameters on the path item, as PathParameterSubSchema", () => {
    const item = paths.get("/api/v1/namespaces/{namespace}/pods/{name}")!;
    const name = sub(sub(sub(subs(item, 9)[0], 1), 2), 4)!; // PathItem.parameters 9 → … → path 4
    expect(text(name, 4)).toBe("name");
    expect(name.get(1)).toEqual([1n]); // required
    expect(text(name, 5)).toBe("string"); // PathParameterSubSchema.type is 5
  });

  test("has definitions with the GVK list, typed properties and patch metadata", () => {
    const deployment = definitions.get("io.k8s.api.apps.v1.Deployment")!;
    expect(extensions(deployment, 31).get("x-kubernetes-group-version-kind")).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    expect(texts(sub(deployment, 22), 1)).toEqual(["object"]); // type 22 → TypeItem.value 1
    const props = named(sub(deployment, 25), 1); // properties 25 → additional_properties 1
    expect(text(props.get("spec"), 1)).toBe("#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
    expect(text(props.get("spec"), 4)).not.toBe("");
    const containers = named(sub(definitions.get("io.k8s.api.core.v1.PodSpec"), 25), 1).get("containers")!;
    expect(texts(sub(containers, 22), 1)).toEqual(["array"]);
    expect(text(subs(sub(containers, 23), 1)[0], 1)).toBe("#/definitions/io.k8s.api.core.v1.Container"); // items 23 → schema 1
    const ext = extensions(containers, 31);
    expect(ext.get("x-kubernetes-patch-strategy")).toBe("merge");
    expect(ext.get("x-kubernetes-patch-merge-key")).toBe("name");
    const labels = named(sub(definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"), 25), 1).get("labels")!;
    expect(texts(sub(sub(sub(labels, 21), 1), 22), 1)).toEqual(["string"]); // additional_properties 21 → schema 1
  });

  test("writes false additionalProperties through the oneof, and numbers, enums and defaults", () => {
    const w = new BinaryWriter();
    writeSchema(w, { type: "integer", additionalProperties: false, maximum: 10, maxLength: 3, enum: ["on", 1], default: "yes" });
    const s = read(w.finish());
    expect(sub(s, 21)!.get(2)).toEqual([0n]);
    expect(s.get(7)).toEqual([10]);
    expect(s.get(11)).toEqual([3n]);
    expect(subs(s, 20).map((a) => text(a, 2))).toEqual(['"on"\n', "1\n"]); // YAML 1.1 quotes "on"
    expect(text(sub(s, 5), 2)).toBe('"yes"\n');
  });

  test("has the bearer-token security definition", () => {
    const sec = named(sub(doc, 13), 1).get("BearerToken")!;
    const apiKey = sub(sec, 2)!;
    expect([text(apiKey, 1), text(apiKey, 2), text(apiKey, 3)]).toEqual(["apiKey", "authorization", "header"]);
    expect([...named(subs(doc, 12)[0], 1).keys()]).toEqual(["BearerToken"]);
  });
});
