// Fixtures for the OpenAPI tests: the built-in registry rows as ResourceTypes, a custom resource,
// and an explain-like walk over a document.
import type { ResourceType } from "../registry/types.ts";
import { builtinRows } from "../registry/resources.ts";

export function builtinResources(): ResourceType[] {
  return builtinRows.map((r) => ({ version: "v1", ...r, strategy: {} }) as ResourceType);
}

export const cronTabSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        cronSpec: { type: "string" },
        image: { type: "string" },
        replicas: { type: "integer" },
        extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        labels: { type: "object", additionalProperties: { type: "string" } },
        template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object" } } },
      },
    },
    status: { type: "object", properties: { phase: { type: "string" } } },
  },
};

export const cronTabs: ResourceType = {
  group: "stable.example.com",
  version: "v1",
  kind: "CronTab",
  plural: "crontabs",
  singular: "crontab",
  namespaced: true,
  status: true,
  strategy: {},
  crdSchema: cronTabSchema,
};

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

function resolve(doc: Doc, schema: any): any {
  let s = schema;
  for (let i = 0; i < 10 && s; i++) {
    if (s.$ref) s = doc.components.schemas[s.$ref.replace("#/components/schemas/", "")];
    else if (s.allOf && !s.properties) s = s.allOf[0];
    else break;
  }
  return s;
}

/** What `kubectl explain kind.a.b` looks at: the schema at a field path, arrays and maps stepped through. */
export function explain(doc: Doc, kind: string, path: string[]): any {
  const root = Object.values(doc.components.schemas).find((s: any) =>
    (s["x-kubernetes-group-version-kind"] ?? []).some((g: any) => g.kind === kind),
  );
  let s = resolve(doc, root);
  for (const field of path) {
    while (s && !s.properties && (s.items || s.additionalProperties)) s = resolve(doc, s.items ?? s.additionalProperties);
    s = resolve(doc, s?.properties?.[field]);
  }
  while (s && !s.properties && s.items) s = resolve(doc, s.items);
  return s;
}
