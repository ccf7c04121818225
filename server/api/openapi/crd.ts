// OpenAPI schemas for custom resources: the CRD version's openAPIV3Schema with apiVersion, kind and
// metadata filled in the way the built-in kinds have them.
import type { Schema } from "./dsl.ts";
import { META, refTo } from "./dsl.ts";

const cache = new WeakMap<object, Schema>();

/** The published schema of a custom resource version (without the GVK extension). */
export function customResourceSchema(openAPIV3Schema: Record<string, unknown>): Schema {
  let schema = cache.get(openAPIV3Schema);
  if (schema) return schema;
  const copy = structuredClone(openAPIV3Schema) as Schema;
  const properties = { ...((copy.properties as Record<string, Schema> | undefined) ?? {}) };
  properties.apiVersion = { type: "string", description: "API group and version of this object's schema." };
  properties.kind = { type: "string", description: "Type of this object." };
  properties.metadata = { allOf: [refTo(`${META}.ObjectMeta`)], description: "Standard object metadata." };
  schema = { ...copy, type: "object", properties };
  cache.set(openAPIV3Schema, schema);
  return schema;
}
