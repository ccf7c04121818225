// The Swagger 2.0 document served at /openapi/v2: every group version's OpenAPI v3 document
// (the same registry rows and schema data) merged and converted. kubectl fetches it as protobuf
// for its field-validation check (1.27), client-side validation of `kind: List` files, strategic
// merge patches of built-in kinds, and `explain --output=plaintext-openapiv2`.
import type { ResourceType } from "../../registry/types.ts";
import { buildDocument, DEFAULT_VERSION, kindSchema, type DocumentOptions } from "../document.ts";
import type { Schema } from "../dsl.ts";
import { gvPathOf, schemaNameOf } from "../names.ts";
import { toV2PathItem, type V2PathItem } from "./paths.ts";
import { toV2Schema } from "./schema.ts";

export interface SwaggerDocument {
  swagger: "2.0";
  info: { title: string; version: string };
  paths: Record<string, V2PathItem>;
  definitions: Record<string, Schema>;
  securityDefinitions: Record<string, Schema>;
  security: Record<string, string[]>[];
}

const GVK = "x-kubernetes-group-version-kind";

const sortedObject = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));

export function buildSwagger(resources: ResourceType[], opts: DocumentOptions = {}): SwaggerDocument {
  const paths: Record<string, V2PathItem> = {};
  const definitions: Record<string, Schema> = {};
  for (const gv of new Set(resources.map(gvPathOf))) {
    const doc = buildDocument(gv, resources, opts) as
      | { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } }
      | undefined;
    if (!doc) continue;
    for (const [p, item] of Object.entries(doc.paths)) paths[p] ??= toV2PathItem(item);
    for (const [name, s] of Object.entries(doc.components.schemas)) definitions[name] ??= toV2Schema(s);
  }
  // A built-in kind without schema data has a stand-in that accepts anything. Its definition
  // keeps no GVK, so kubectl neither validates against it nor derives patch metadata from it
  // (it would warn on every field it cannot find) and uses its compiled-in types instead.
  for (const rt of resources) {
    const def = definitions[schemaNameOf(rt)];
    if (def && !rt.crdSchema && !kindSchema(rt)) delete def[GVK];
  }
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: opts.version ?? DEFAULT_VERSION },
    paths: sortedObject(paths),
    definitions: sortedObject(definitions),
    securityDefinitions: {
      BearerToken: { type: "apiKey", name: "authorization", in: "header", description: "Bearer token: 'Bearer <token>'." },
    },
    security: [{ BearerToken: [] }],
  };
}
