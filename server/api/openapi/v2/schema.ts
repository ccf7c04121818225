// OpenAPI v3 schemas as Swagger 2.0 schemas, in the shape upstream's /openapi/v2 has them:
// `#/definitions/` references, a reference with a description written beside the `$ref` (not
// wrapped in allOf), and no v3-only keywords. kubectl parses every definition of the document
// (k8s.io/kube-openapi proto models) and refuses all of it when one does not parse, so the
// output stays within what that parser accepts: one type at most, arrays with one item schema.
import type { Schema } from "../dsl.ts";

export const V3_REF = "#/components/schemas/";
export const V2_REF = "#/definitions/";

/** Keywords Swagger 2.0 (and gnostic's Schema message) has; everything else but x-* is dropped. */
const KEPT = new Set([
  "format", "title", "description", "default", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
  "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
  "maxProperties", "minProperties", "required", "enum", "type", "discriminator", "readOnly", "example",
]);

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** The v2 form of `#/components/schemas/X`. */
export function v2Ref(ref: string): string {
  return ref.startsWith(V3_REF) ? V2_REF + ref.slice(V3_REF.length) : ref;
}

/** Type of a oneOf/anyOf value without its own: string when a string is allowed, as upstream
 * publishes IntOrString and Quantity; otherwise none (any value). */
function alternativeType(s: Schema): string | undefined {
  const alts = [...((s.oneOf as Schema[] | undefined) ?? []), ...((s.anyOf as Schema[] | undefined) ?? [])];
  return alts.some((a) => isObject(a) && a.type === "string") ? "string" : undefined;
}

/** Converts one schema (and everything below it); the input is not modified. */
export function toV2Schema(s: Schema): Schema {
  const allOf = Array.isArray(s.allOf) ? (s.allOf as Schema[]) : undefined;
  // {allOf: [{$ref}], description} → {$ref, description}
  if (allOf?.length === 1 && isObject(allOf[0]) && typeof allOf[0].$ref === "string" && !s.properties && !s.type) {
    const { allOf: _allOf, ...rest } = s;
    return toV2Schema({ ...rest, $ref: allOf[0].$ref });
  }
  const out: Schema = {};
  if (typeof s.$ref === "string") out.$ref = v2Ref(s.$ref);
  for (const [k, v] of Object.entries(s)) {
    if (KEPT.has(k) || k.startsWith("x-")) out[k] = v;
  }
  if (Array.isArray(out.type)) {
    // kubectl refuses definitions with several types; keep the first non-null one.
    const t = (out.type as string[]).filter((x) => x !== "null");
    if (t.length) out.type = t[0];
    else delete out.type;
  }
  if (out.type === undefined && out.$ref === undefined) {
    const t = alternativeType(s);
    if (t) out.type = t;
  }
  if (isObject(s.properties)) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toV2Schema(isObject(v) ? v : {})]));
  }
  if (isObject(s.additionalProperties)) out.additionalProperties = toV2Schema(s.additionalProperties);
  else if (typeof s.additionalProperties === "boolean") out.additionalProperties = s.additionalProperties;
  if (isObject(s.items)) out.items = toV2Schema(s.items);
  else if (Array.isArray(s.items) && s.items.length === 1 && isObject(s.items[0])) out.items = toV2Schema(s.items[0]);
  else if (out.type === "array") out.items = {};
  if (allOf && !out.$ref) out.allOf = allOf.filter(isObject).map(toV2Schema);
  return out;
}
