// Where a resource lives on the API: /api/<v> or /apis/<group>/<v>, then
// [namespaces/<ns>/]<plural>[/<name>[/<subresource>]], plus query strings.

/** A resource type as controllers see it (the API registry's rows fit this shape). */
export interface ApiResource {
  group: string; // "" for core
  version: string;
  plural: string;
  kind?: string;
  namespaced?: boolean;
  /** Verbs on the main resource; absent means the full set. */
  verbs?: string[];
}

export interface ResourcePath {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** "deployments.apps" or "pods": the resource's name in messages and logs. */
export function qualifiedResource(r: { group: string; plural: string }): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function resourcePath(p: ResourcePath): string {
  if (p.subresource && !p.name) throw new Error(`resourcePath: subresource "${p.subresource}" of ${qualifiedResource(p)} needs a name`);
  const parts = [p.group ? `/apis/${p.group}/${p.version}` : `/api/${p.version}`];
  if (p.namespace) parts.push("namespaces", encodeURIComponent(p.namespace));
  parts.push(p.plural);
  if (p.name) parts.push(encodeURIComponent(p.name));
  if (p.subresource) parts.push(p.subresource);
  return parts.join("/");
}

export type QueryValue = string | number | boolean | undefined;

/** "?a=1&b=x", skipping undefined values; "" when nothing is set. */
export function queryString(q: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** True when the resource serves every verb in `want` (absent verbs = full CRUD + watch). */
export function supports(r: ApiResource, ...want: string[]): boolean {
  return !r.verbs || want.every((v) => r.verbs!.includes(v));
}
