// The resource types a controller can follow: the server's registry (or discovery) as a list
// that changes when CustomResourceDefinitions come and go.
import { supports, type ApiResource } from "../client/index.ts";

export interface ResourceSource {
  all(): ApiResource[];
  /** Called after every change; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * Types with the given verbs, one version per group/plural (the first listed, i.e. the
 * preferred one): several served versions of one type are the same objects.
 */
export function servedTypes(source: ResourceSource, ...verbs: string[]): ApiResource[] {
  const seen = new Set<string>();
  const out: ApiResource[] = [];
  for (const r of source.all()) {
    const id = `${r.group}/${r.plural}`;
    if (seen.has(id) || !supports(r, ...verbs)) continue;
    seen.add(id);
    out.push(r);
  }
  return out;
}

/** Find the type of a kind by apiVersion ("apps/v1") and kind, preferring the exact version. */
export function typeForKind(source: ResourceSource, apiVersion: string, kind: string): ApiResource | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  let fallback: ApiResource | undefined;
  for (const r of source.all()) {
    if (r.group !== group || r.kind !== kind) continue;
    if (r.version === version) return r;
    fallback ??= r;
  }
  return fallback;
}
