// Test helper: where an object's JSON types differ from its OpenAPI schema. Typed clients (kubectl,
// client-go informers) cannot decode such an object, and a list holding it fails for everyone, so
// whatever the server answers with — and so stores — must match.
import { isPlainObject } from "../../shared/api/object.ts";
import { customResourceSchema } from "./openapi/crd.ts";
import type { Schema } from "./openapi/dsl.ts";
import { schemaNameOf } from "./openapi/names.ts";
import { builtinSchemas } from "./openapi/schemas/index.ts";
import type { ResourceType } from "./registry/types.ts";

const REF = "#/components/schemas/";
const INT64 = 2 ** 63;
const INT32 = 2 ** 31;

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function matches(schema: Schema, v: unknown): boolean {
  if (schema["x-kubernetes-int-or-string"] === true) return typeof v === "string" || (Number.isInteger(v) && Math.abs(v as number) < INT64);
  switch (schema.type) {
    case "string":
      return typeof v === "string";
    case "integer": {
      // Go reads 1e+21 (how JSON writes integers that large) as a float, not an int64.
      const limit = schema.format === "int32" ? INT32 : INT64;
      return Number.isInteger(v) && Math.abs(v as number) < limit;
    }
    case "number":
      return typeof v === "number";
    case "boolean":
      return typeof v === "boolean";
    case "array":
      return Array.isArray(v);
    case "object":
      return isPlainObject(v);
    default:
      return true;
  }
}

function walk(schema: Schema | undefined, v: unknown, path: string, lookup: Map<string, Schema>, out: string[], depth: number) {
  if (!schema || depth > 64 || v === null) return; // null decodes as the zero value
  if (typeof schema.$ref === "string") return walk(lookup.get(schema.$ref.slice(REF.length)), v, path, lookup, out, depth + 1);
  for (const part of Array.isArray(schema.allOf) ? (schema.allOf as Schema[]) : []) walk(part, v, path, lookup, out, depth + 1);
  if (Array.isArray(schema.oneOf)) {
    const options = schema.oneOf as Schema[];
    if (!options.some((o) => matches(o, v))) out.push(`${path}: want ${options.map((o) => o.type).join(" or ")}, got ${jsonType(v)}`);
    return;
  }
  if (!matches(schema, v)) return void out.push(`${path}: want ${schema.format ?? schema.type}, got ${jsonType(v)}`);
  if (Array.isArray(v) && isPlainObject(schema.items)) v.forEach((item, i) => walk(schema.items as Schema, item, `${path}[${i}]`, lookup, out, depth + 1));
  if (!isPlainObject(v)) return;
  const props = isPlainObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const extra = isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as Schema) : undefined;
  for (const [k, child] of Object.entries(v)) {
    const s = props[k] ?? extra;
    if (s) walk(s, child, path ? `${path}.${k}` : k, lookup, out, depth + 1);
  }
}

/** Paths where `obj` has a JSON type its kind's schema does not allow (`spec.replicas: want int32, got string`). */
export function schemaMismatches(rt: ResourceType, obj: unknown): string[] {
  const lookup = builtinSchemas();
  const schema = rt.crdSchema ? customResourceSchema(rt.crdSchema) : lookup.get(schemaNameOf(rt));
  const out: string[] = [];
  walk(schema, obj, "", lookup, out, 0);
  return out;
}
