// API discovery, both forms kubectl understands: aggregated (apidiscovery.k8s.io/v2 lists)
// and legacy (APIVersions, APIGroupList, per-group-version APIResourceList).
import type { Registry } from "./registry/registry.ts";
import type { ResourceType } from "./registry/types.ts";

export const AGGREGATED_CT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const FULL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** Did the client ask for aggregated discovery (v2 or v2beta1)? Returns the version to answer. */
export function wantsAggregated(accept: string | null): "v2" | "v2beta1" | undefined {
  for (const part of (accept ?? "").split(",")) {
    const params = Object.fromEntries(part.split(";").slice(1).map((kv) => kv.trim().split("=")));
    if (params.g === "apidiscovery.k8s.io" && params.as === "APIGroupDiscoveryList" && (params.v === "v2" || params.v === "v2beta1")) return params.v;
  }
  return undefined;
}

interface Sub {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

function subresources(rt: ResourceType): Sub[] {
  const out: Sub[] = [];
  if (rt.status) out.push({ name: "status", kind: rt.kind, verbs: ["get", "patch", "update"] });
  if (rt.scale) out.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] });
  for (const s of rt.extraSubresources ?? []) {
    if (s === "binding") out.push({ name: s, kind: "Binding", verbs: ["create"] });
    else if (s === "eviction") out.push({ name: s, kind: "Eviction", group: "policy", version: "v1", verbs: ["create"] });
    else if (s === "token") out.push({ name: s, kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"] });
    else if (s === "log") out.push({ name: s, kind: "Pod", verbs: ["get"] });
    else if (s === "exec" || s === "attach" || s === "portforward") out.push({ name: s, kind: `Pod${s === "exec" ? "Exec" : s === "attach" ? "Attach" : "PortForward"}Options`, verbs: ["create", "get"] });
    else if (s === "finalize") out.push({ name: s, kind: rt.kind, verbs: ["update"] });
    else out.push({ name: s, kind: rt.kind, verbs: ["get"] });
  }
  return out;
}

function aggregatedResource(rt: ResourceType) {
  const r: Record<string, unknown> = {
    resource: rt.plural,
    responseKind: { group: rt.group, version: rt.version, kind: rt.kind },
    scope: rt.namespaced ? "Namespaced" : "Cluster",
    singularResource: rt.singular,
    verbs: rt.verbs ?? FULL_VERBS,
  };
  if (rt.shortNames?.length) r.shortNames = rt.shortNames;
  if (rt.categories?.length) r.categories = rt.categories;
  const subs = subresources(rt);
  if (subs.length) {
    r.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? rt.group, version: s.version ?? rt.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return r;
}

function aggregatedGroup(registry: Registry, name: string, versions: string[]) {
  return {
    metadata: { name },
    versions: versions.map((v) => ({ version: v, resources: registry.inGroupVersion(name, v).map(aggregatedResource), freshness: "Current" })),
  };
}

export function aggregatedDiscovery(registry: Registry, legacy: boolean, version: "v2" | "v2beta1") {
  const groups = registry.groups().filter((g) => (legacy ? g.name === "" : g.name !== ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => aggregatedGroup(registry, g.name, g.versions)),
  };
}

export function legacyApiVersions(advertise: string) {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: advertise }] };
}

function groupEntry(name: string, versions: string[]) {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function legacyGroupList(registry: Registry) {
  const groups = registry.groups().filter((g) => g.name !== "");
  return { kind: "APIGroupList", apiVersion: "v1", groups: groups.map((g) => groupEntry(g.name, g.versions)) };
}

export function legacyGroup(registry: Registry, name: string) {
  const g = registry.groups().find((x) => x.name === name && name !== "");
  return g && { kind: "APIGroup", apiVersion: "v1", ...groupEntry(g.name, g.versions) };
}

export function resourceList(registry: Registry, group: string, version: string) {
  const rts = registry.inGroupVersion(group, version);
  if (!rts.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const rt of rts) {
    const main: Record<string, unknown> = { name: rt.plural, singularName: rt.singular, namespaced: rt.namespaced, kind: rt.kind, verbs: rt.verbs ?? FULL_VERBS };
    if (rt.shortNames?.length) main.shortNames = rt.shortNames;
    if (rt.categories?.length) main.categories = rt.categories;
    resources.push(main);
    for (const s of subresources(rt)) {
      const e: Record<string, unknown> = { name: `${rt.plural}/${s.name}`, singularName: "", namespaced: rt.namespaced, kind: s.kind, verbs: s.verbs };
      if (s.group !== undefined) (e.group = s.group), (e.version = s.version);
      resources.push(e);
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources };
}
