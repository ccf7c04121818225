// The /openapi/v3 documents: one per group version, with the paths of its resources and every
// schema they reference, plus the index that points at them by content hash.
import { KUBE_VERSION } from "../../../shared/version.ts";
import { createHash } from "node:crypto";
import type { ResourceType } from "../registry/types.ts";
import { customResourceSchema } from "./crd.ts";
import { META, refTo, type Schema } from "./dsl.ts";
import { gvPathOf, listKindOf, listSchemaNameOf, schemaNameOf } from "./names.ts";
import { resourcePaths } from "./operations.ts";
import { builtinSchemas } from "./schemas/index.ts";

export interface DocumentOptions {
  /** info.version of the documents; the server's git version. */
  version?: string;
}

export const DEFAULT_VERSION = KUBE_VERSION.gitVersion;
const REF_PREFIX = "#/components/schemas/";

const gvkOf = (rt: ResourceType, kind = rt.kind) => [{ group: rt.group, kind, version: rt.version }];

/** The schema of a resource's kind, with its GVK; undefined for built-ins kubun has no data for. */
export function kindSchema(rt: ResourceType): Schema | undefined {
  const base = rt.crdSchema ? customResourceSchema(rt.crdSchema) : builtinSchemas().get(schemaNameOf(rt));
  return base && { ...base, "x-kubernetes-group-version-kind": gvkOf(rt) };
}

/** Stand-in for a built-in kind without schema data: known metadata, anything else accepted. */
function openKindSchema(rt: ResourceType): Schema {
  return {
    description: `${rt.kind} object.`,
    type: "object",
    properties: {
      apiVersion: { type: "string", description: "API group and version of this object's schema." },
      kind: { type: "string", description: "Type of this object." },
      metadata: { allOf: [refTo(`${META}.ObjectMeta`)], description: "Standard object metadata." },
    },
    "x-kubernetes-preserve-unknown-fields": true,
    "x-kubernetes-group-version-kind": gvkOf(rt),
  };
}

function listSchema(rt: ResourceType): Schema {
  return {
    description: `A list of ${rt.kind} objects.`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: { type: "string", description: "API group and version of this list's schema." },
      items: { type: "array", items: refTo(schemaNameOf(rt)), description: `The ${rt.plural}.` },
      kind: { type: "string", description: `Always ${listKindOf(rt)}.` },
      metadata: { allOf: [refTo(`${META}.ListMeta`)], description: "Standard list metadata." },
    },
    "x-kubernetes-group-version-kind": gvkOf(rt, listKindOf(rt)),
  };
}

/** Every `$ref` target inside a JSON value. */
export function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith(REF_PREFIX)) out.add(v.slice(REF_PREFIX.length));
      else refsIn(v, out);
    }
  }
  return out;
}

/** The resources of one group version, in registry order. */
export function resourcesOf(gvPath: string, resources: ResourceType[]): ResourceType[] {
  return resources.filter((rt) => gvPathOf(rt) === gvPath);
}

/** Everything about the members that shapes their document. */
function signature(members: ResourceType[], opts: DocumentOptions): string {
  const parts = members.map((rt) => {
    const { strategy: _strategy, ...shape } = rt;
    return shape;
  });
  return JSON.stringify([opts.version ?? DEFAULT_VERSION, parts]);
}

const MEMO_LIMIT = 64;
const memo = new Map<string, { doc: Schema; hash: string }>();

/** Document and hash for a group version, memoized by content; treat the result as read-only. */
function documentFor(gvPath: string, resources: ResourceType[], opts: DocumentOptions) {
  const members = resourcesOf(gvPath, resources);
  if (members.length === 0) return undefined;
  const key = `${gvPath} ${signature(members, opts)}`;
  let entry = memo.get(key);
  if (!entry) {
    const doc = assemble(members, opts);
    entry = { doc, hash: createHash("sha512").update(JSON.stringify(doc)).digest("hex").toUpperCase() };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, entry);
  }
  return entry;
}

export function buildDocument(gvPath: string, resources: ResourceType[], opts: DocumentOptions = {}): Schema | undefined {
  return documentFor(gvPath, resources, opts)?.doc;
}

function assemble(members: ResourceType[], opts: DocumentOptions): Schema {
  const builtin = builtinSchemas();
  const schemas: Record<string, Schema> = {};
  const paths: Record<string, unknown> = {};
  for (const rt of members) {
    Object.assign(paths, resourcePaths(rt));
    schemas[schemaNameOf(rt)] = kindSchema(rt) ?? openKindSchema(rt);
    schemas[listSchemaNameOf(rt)] = listSchema(rt);
  }
  // Pull in everything referenced, transitively, from the built-in schema data.
  const pending = [...refsIn(paths), ...refsIn(Object.values(schemas))];
  while (pending.length) {
    const name = pending.pop()!;
    if (schemas[name]) continue;
    const schema = builtin.get(name);
    if (!schema) continue;
    schemas[name] = schema;
    pending.push(...refsIn(schema));
  }
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]!]));
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: opts.version ?? DEFAULT_VERSION },
    paths,
    components: { schemas: sorted },
  };
}

export function buildIndex(resources: ResourceType[], opts: DocumentOptions = {}): Schema {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of new Set(resources.map(gvPathOf))) {
    const entry = documentFor(gv, resources, opts);
    if (entry) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${entry.hash}` };
  }
  return { paths };
}
