import { expect, test } from "bun:test";
import { compileSchemas, type SchemaPackage } from "./dsl.ts";

const pkg: SchemaPackage = {
  pkg: "io.example.v1",
  types: {
    Thing: {
      d: "A thing.",
      req: ["name"],
      f: {
        name: "string; Name of the thing.",
        size: "int64",
        parts: ["[]Part; The parts.", { patch: "merge", key: "id", list: "map", keys: ["id"] }],
        labels: "{}string",
        meta: "ObjectMeta; Metadata.",
      },
    },
    Part: { d: "A part.", f: { id: "string" } },
  },
};
const meta: SchemaPackage = { pkg: "io.k8s.apimachinery.pkg.apis.meta.v1", types: { ObjectMeta: { d: "Metadata.", f: { name: "string" } } } };

test("fields compile to OpenAPI with descriptions, refs and list extensions", () => {
  const thing = compileSchemas([pkg, meta]).get("io.example.v1.Thing")!;
  expect(thing).toEqual({
    description: "A thing.",
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", description: "Name of the thing." },
      size: { type: "integer", format: "int64" },
      parts: {
        type: "array",
        items: { $ref: "#/components/schemas/io.example.v1.Part" },
        description: "The parts.",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-patch-merge-key": "id",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["id"],
      },
      labels: { type: "object", additionalProperties: { type: "string" } },
      meta: { allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }], description: "Metadata." },
    },
  });
});

test("an unknown type name is an error that names the field", () => {
  const bad = { pkg: "io.example.v1", types: { T: { d: "t", f: { x: "Missing" } } } };
  expect(() => compileSchemas([bad])).toThrow('unknown type "Missing" in io.example.v1.T.x');
});
