// A compact notation for OpenAPI schemas, one line per field, and its compiler.
//
//   Container: { d: "…", req: ["name"], f: {
//     image: "string; Container image reference.",
//     ports: ["[]ContainerPort; Ports to expose.", { patch: "merge", key: "containerPort" }],
//   } }
//
// A field is "<type>; <description>" (the description is optional). Types: string, boolean,
// int32, int64, number, byte, any (accepts any JSON value), []T (array), {}T (string-keyed map),
// or a type name: bare names resolve in the same package, then meta/v1, then any package with a
// unique type of that name; `core.PodSpec`-style names pick a package by alias.

export type Schema = Record<string, unknown>;

export interface FieldOptions {
  /** x-kubernetes-patch-strategy, e.g. "merge" or "merge,retainKeys". */
  patch?: string;
  /** x-kubernetes-patch-merge-key. */
  key?: string;
  /** x-kubernetes-list-type. */
  list?: "atomic" | "set" | "map";
  /** x-kubernetes-list-map-keys. */
  keys?: string[];
  /** x-kubernetes-map-type. */
  map?: "atomic" | "granular";
}

export type FieldSpec = string | [string, FieldOptions];

export interface TypeSpec {
  /** One-line description of the type. */
  d: string;
  /** Required fields. */
  req?: string[];
  /** Object properties. */
  f?: Record<string, FieldSpec>;
  /** For non-object types (Quantity, Time, IntOrString…): the schema itself. */
  raw?: Schema;
}

export interface SchemaPackage {
  /** Package prefix of the schema names, e.g. "io.k8s.api.apps.v1". */
  pkg: string;
  types: Record<string, TypeSpec>;
}

export const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** Package aliases usable as `alias.Type` in type expressions. */
const ALIASES: Record<string, string> = {
  core: "io.k8s.api.core.v1",
  apps: "io.k8s.api.apps.v1",
  batch: "io.k8s.api.batch.v1",
  discovery: "io.k8s.api.discovery.v1",
  networking: "io.k8s.api.networking.v1",
  policy: "io.k8s.api.policy.v1",
  autoscaling: "io.k8s.api.autoscaling.v2",
  autoscalingv1: "io.k8s.api.autoscaling.v1",
  meta: META,
};

const PRIMITIVES: Record<string, Schema> = {
  string: { type: "string" },
  boolean: { type: "boolean" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  number: { type: "number", format: "double" },
  byte: { type: "string", format: "byte" },
  any: { "x-kubernetes-preserve-unknown-fields": true },
};

export const refTo = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Compiles packages into a map from full schema name to OpenAPI schema. Throws on unknown types. */
export function compileSchemas(packages: SchemaPackage[]): Map<string, Schema> {
  const specs = new Map<string, TypeSpec>();
  const byShortName = new Map<string, string[]>();
  for (const p of packages) {
    for (const [name, spec] of Object.entries(p.types)) {
      const full = `${p.pkg}.${name}`;
      if (specs.has(full)) throw new Error(`schema ${full} is defined twice`);
      specs.set(full, spec);
      byShortName.set(name, [...(byShortName.get(name) ?? []), full]);
    }
  }

  const resolve = (pkg: string, name: string, where: string): string => {
    const dot = name.indexOf(".");
    if (dot > 0) {
      const alias = ALIASES[name.slice(0, dot)];
      const full = alias ? `${alias}.${name.slice(dot + 1)}` : name;
      if (specs.has(full)) return full;
    } else {
      for (const full of [`${pkg}.${name}`, `${META}.${name}`]) if (specs.has(full)) return full;
      const candidates = byShortName.get(name) ?? [];
      if (candidates.length === 1) return candidates[0]!;
    }
    throw new Error(`unknown type ${JSON.stringify(name)} in ${where}`);
  };

  const typeSchema = (pkg: string, expr: string, where: string): Schema => {
    if (expr.startsWith("[]")) return { type: "array", items: typeSchema(pkg, expr.slice(2), where) };
    if (expr.startsWith("{}")) return { type: "object", additionalProperties: typeSchema(pkg, expr.slice(2), where) };
    const prim = PRIMITIVES[expr];
    if (prim) return { ...prim };
    return refTo(resolve(pkg, expr, where));
  };

  const fieldSchema = (pkg: string, spec: FieldSpec, where: string): Schema => {
    const [text, opts] = typeof spec === "string" ? [spec, undefined] : spec;
    const sep = text.indexOf("; ");
    const expr = (sep < 0 ? text : text.slice(0, sep)).trim();
    const description = sep < 0 ? "" : text.slice(sep + 2).trim();
    let schema = typeSchema(pkg, expr, where);
    if ("$ref" in schema && (description || opts)) schema = { allOf: [schema] };
    if (description) schema.description = description;
    if (opts?.patch) schema["x-kubernetes-patch-strategy"] = opts.patch;
    if (opts?.key) schema["x-kubernetes-patch-merge-key"] = opts.key;
    if (opts?.list) schema["x-kubernetes-list-type"] = opts.list;
    if (opts?.keys) schema["x-kubernetes-list-map-keys"] = opts.keys;
    if (opts?.map) schema["x-kubernetes-map-type"] = opts.map;
    return schema;
  };

  const out = new Map<string, Schema>();
  for (const [full, spec] of specs) {
    const pkg = full.slice(0, full.lastIndexOf("."));
    if (spec.raw) {
      out.set(full, { description: spec.d, ...spec.raw });
      continue;
    }
    const schema: Schema = { description: spec.d, type: "object" };
    if (spec.f) {
      const properties: Record<string, Schema> = {};
      for (const [field, fs] of Object.entries(spec.f)) properties[field] = fieldSchema(pkg, fs, `${full}.${field}`);
      schema.properties = properties;
    }
    if (spec.req?.length) schema.required = [...spec.req];
    out.set(full, schema);
  }
  return out;
}
