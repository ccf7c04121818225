// Unknown-field detection for fieldValidation=Strict|Warn: walks an object alongside its schema
// and reports dotted paths (`spec.template.spec.containers[0].bogus`) of fields the schema does not
// know. Levels whose fields are not described (free-form objects, preserve-unknown-fields) accept
// anything; maps check their values against the value schema.
import type { KubeObject } from "../../../shared/api/object.ts";
import { isPlainObject } from "../../../shared/api/object.ts";
import type { ResourceType } from "../registry/types.ts";
import { customResourceSchema } from "./crd.ts";
import { META, type Schema } from "./dsl.ts";
import { schemaNameOf } from "./names.ts";
import { builtinSchemas } from "./schemas/index.ts";

const REF_PREFIX = "#/components/schemas/";

interface Level {
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  preserve: boolean;
  embedded: boolean;
}

/** Flattens $ref and allOf into the parts of a schema the walk needs. */
function level(schema: Schema | undefined, lookup: Map<string, Schema>, seen = 0): Level {
  const out: Level = { preserve: false, embedded: false };
  if (!schema || seen > 32) return out;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith(REF_PREFIX)) return level(lookup.get(ref.slice(REF_PREFIX.length)), lookup, seen + 1);
  for (const part of Array.isArray(schema.allOf) ? (schema.allOf as Schema[]) : []) {
    const l = level(part, lookup, seen + 1);
    if (l.properties) out.properties = { ...out.properties, ...l.properties };
    out.additionalProperties ??= l.additionalProperties;
    out.items ??= l.items;
    out.preserve ||= l.preserve;
    out.embedded ||= l.embedded;
  }
  if (isPlainObject(schema.properties)) out.properties = { ...out.properties, ...(schema.properties as Record<string, Schema>) };
  if (schema.additionalProperties !== undefined) out.additionalProperties = schema.additionalProperties;
  if (isPlainObject(schema.items)) out.items = schema.items as Schema;
  if (schema["x-kubernetes-preserve-unknown-fields"] === true) out.preserve = true;
  if (schema["x-kubernetes-embedded-resource"] === true) out.embedded = true;
  return out;
}

const OBJECT_META: Schema = { $ref: `${REF_PREFIX}${META}.ObjectMeta` };
const STRING: Schema = { type: "string" };

function walk(schema: Schema | undefined, value: unknown, path: string, lookup: Map<string, Schema>, out: string[]) {
  if (value === null || typeof value !== "object") return;
  const l = level(schema, lookup);
  if (Array.isArray(value)) {
    if (l.items) value.forEach((v, i) => walk(l.items, v, `${path}[${i}]`, lookup, out));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const known = l.properties?.[key] ?? (l.embedded ? { apiVersion: STRING, kind: STRING, metadata: OBJECT_META }[key] : undefined);
    if (known) walk(known, child, childPath, lookup, out);
    else if (isPlainObject(l.additionalProperties)) walk(l.additionalProperties as Schema, child, childPath, lookup, out);
    else if (l.properties && !l.preserve && l.additionalProperties !== true) out.push(childPath);
  }
}

/** Dotted paths of the fields in `obj` that the named schema (e.g. io.k8s.api.apps.v1.Deployment) does not know. */
export function unknownFields(schemaName: string, obj: unknown): string[] {
  const lookup = builtinSchemas();
  const schema = lookup.get(schemaName);
  if (!schema) return [];
  const out: string[] = [];
  walk(schema, obj, "", lookup, out);
  return out;
}

/** Unknown fields of an object of the given resource; built-in kinds without schema data report none. */
export function unknownFieldPaths(rt: ResourceType, obj: KubeObject): string[] {
  if (!rt.crdSchema) return unknownFields(schemaNameOf(rt), obj);
  const out: string[] = [];
  walk(customResourceSchema(rt.crdSchema), obj, "", builtinSchemas(), out);
  return out;
}

/** The field names of a schema, by full name or unique short name (e.g. "PodSpec"). */
export function knownFields(typeName: string): string[] | undefined {
  const lookup = builtinSchemas();
  let schema = lookup.get(typeName);
  if (!schema) {
    const matches = [...lookup.keys()].filter((k) => k.endsWith(`.${typeName}`));
    if (matches.length === 1) schema = lookup.get(matches[0]!);
  }
  if (!schema) return undefined;
  return Object.keys(level(schema, lookup).properties ?? {}).sort();
}
