// OpenAPI v3 path items as Swagger 2.0 path items: the request body becomes an `in: body`
// parameter, a parameter's schema becomes its own type, media types become consumes/produces.
// kubectl 1.27's field-validation check reads this: the PATCH operation with the kind's
// x-kubernetes-group-version-kind and a query parameter named fieldValidation.
import type { Schema } from "../dsl.ts";
import { toV2Schema } from "./schema.ts";

export type V2PathItem = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
/** Parameter keywords Swagger 2.0 keeps on a non-body parameter. */
const PARAM_KEYS = ["type", "format", "uniqueItems", "enum", "default", "items"];

/** A v3 parameter ({name, in, schema}) as a v2 non-body parameter ({name, in, type}). */
export function toV2Parameter(p: Schema): Schema {
  const out: Schema = { name: p.name, in: p.in };
  if (p.description) out.description = p.description;
  if (p.required) out.required = true;
  const schema = (p.schema as Schema | undefined) ?? {};
  for (const k of PARAM_KEYS) if (schema[k] !== undefined) out[k] = schema[k];
  for (const [k, v] of Object.entries(p)) if (k.startsWith("x-")) out[k] = v;
  return out;
}

function bodyParameter(requestBody: Schema): { param: Schema; consumes: string[] } {
  const content = (requestBody.content as Record<string, { schema?: Schema }>) ?? {};
  const types = Object.keys(content);
  const schema = content[types[0]!]?.schema ?? {};
  return { param: { name: "body", in: "body", required: true, schema: toV2Schema(schema) }, consumes: types };
}

function toV2Responses(responses: Record<string, Schema>): { responses: Record<string, Schema>; produces: string[] } {
  const out: Record<string, Schema> = {};
  const produces = new Set<string>();
  for (const [code, r] of Object.entries(responses)) {
    const content = (r.content as Record<string, { schema?: Schema }> | undefined) ?? {};
    const types = Object.keys(content);
    types.forEach((t) => produces.add(t));
    const response: Schema = { description: r.description ?? "" };
    const schema = content[types[0]!]?.schema;
    if (schema) response.schema = toV2Schema(schema);
    out[code] = response;
  }
  out["401"] = { description: "Unauthorized" };
  return { responses: out, produces: [...produces] };
}

function toV2Operation(op: Schema): Schema {
  const out: Schema = {};
  if (op.description) out.description = op.description;
  const body = op.requestBody ? bodyParameter(op.requestBody as Schema) : undefined;
  out.consumes = body?.consumes ?? ["*/*"];
  const { responses, produces } = toV2Responses((op.responses as Record<string, Schema>) ?? {});
  out.produces = produces;
  out.schemes = ["https"];
  if (op.tags) out.tags = op.tags;
  if (op.operationId) out.operationId = op.operationId;
  const params = ((op.parameters as Schema[] | undefined) ?? []).map(toV2Parameter);
  out.parameters = body ? [body.param, ...params] : params;
  out.responses = responses;
  for (const [k, v] of Object.entries(op)) if (k.startsWith("x-")) out[k] = v;
  return out;
}

export function toV2PathItem(item: Record<string, unknown>): V2PathItem {
  const out: V2PathItem = {};
  for (const m of METHODS) if (item[m]) out[m] = toV2Operation(item[m] as Schema);
  const params = (item.parameters as Schema[] | undefined) ?? [];
  if (params.length) out.parameters = params.map(toV2Parameter);
  return out;
}
