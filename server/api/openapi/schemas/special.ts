// Schema data: the non-object and free-form types (Time, Quantity, IntOrString, RawExtension,
// JSON values) and the meta/v1 types operations refer to (Patch, WatchEvent).
import type { SchemaPackage } from "../dsl.ts";

const anyValue = { "x-kubernetes-preserve-unknown-fields": true };

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.apimachinery.pkg.apis.meta.v1",
    types: {
      Time: { d: "A timestamp in RFC 3339 form with second precision, e.g. 2025-01-02T15:04:05Z.", raw: { type: "string", format: "date-time" } },
      MicroTime: { d: "A timestamp in RFC 3339 form with microsecond precision.", raw: { type: "string", format: "date-time" } },
      FieldsV1: { d: "A set of fields in the managed-fields trie format.", raw: { type: "object" } },
      Patch: { d: "A patch document; its format is given by the request Content-Type.", raw: { type: "object" } },
      WatchEvent: {
        d: "One event of a watch stream.",
        req: ["type", "object"],
        f: {
          object: "io.k8s.apimachinery.pkg.runtime.RawExtension; The object: the new state, or the last state for DELETED.",
          type: "string; ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.apimachinery.pkg.api.resource",
    types: {
      Quantity: {
        d: "A fixed-point amount with an optional unit suffix, e.g. 500m, 2, 128Mi or 1Gi.",
        raw: { oneOf: [{ type: "string" }, { type: "number" }] },
      },
    },
  },
  {
    pkg: "io.k8s.apimachinery.pkg.util.intstr",
    types: {
      IntOrString: {
        d: "Either an integer or a string, e.g. 8080 or http, 1 or 25%.",
        raw: { format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] },
      },
    },
  },
  {
    pkg: "io.k8s.apimachinery.pkg.runtime",
    types: {
      RawExtension: { d: "An embedded object of any kind.", raw: { type: "object", ...anyValue } },
    },
  },
  {
    pkg: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
    types: {
      JSON: { d: "Any JSON value.", raw: anyValue },
      JSONSchemaPropsOrArray: { d: "A schema, or an array of schemas.", raw: anyValue },
      JSONSchemaPropsOrBool: { d: "A schema, or a boolean allowing or forbidding the value.", raw: anyValue },
      JSONSchemaPropsOrStringArray: { d: "A schema, or a list of required property names.", raw: anyValue },
    },
  },
];
