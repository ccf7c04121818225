// How resources map to OpenAPI names: schema names (io.k8s.api.apps.v1.Deployment), group-version
// paths (apis/apps/v1) and operation-id fragments (AppsV1).
import type { ResourceType } from "../registry/types.ts";

const APIEXTENSIONS = "apiextensions.k8s.io";

/** Upstream-style schema package for a built-in group version. */
export function builtinPackage(group: string, version: string): string {
  if (group === "") return `io.k8s.api.core.${version}`;
  if (group === APIEXTENSIONS) return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  return `io.k8s.api.${group.replace(/\.k8s\.io$/, "").split(".")[0]}.${version}`;
}

/** Custom resources use the reversed group as their package: stable.example.com → com.example.stable. */
export function customPackage(group: string, version: string): string {
  return `${group.split(".").reverse().join(".")}.${version}`;
}

export function schemaNameOf(rt: ResourceType): string {
  const pkg = rt.crdSchema ? customPackage(rt.group, rt.version) : builtinPackage(rt.group, rt.version);
  return `${pkg}.${rt.kind}`;
}

export function listKindOf(rt: ResourceType): string {
  return rt.listKind ?? `${rt.kind}List`;
}

export function listSchemaNameOf(rt: ResourceType): string {
  return schemaNameOf(rt).replace(/[^.]+$/, listKindOf(rt));
}

/** "api/v1" or "apis/apps/v1": the key in the /openapi/v3 index. */
export function gvPathOf(rt: ResourceType): string {
  return rt.group ? `apis/${rt.group}/${rt.version}` : `api/${rt.version}`;
}

/** "CoreV1", "AppsV1", "RbacAuthorizationV1": used in operation ids. */
export function gvCamel(group: string, version: string): string {
  const g = group === "" ? "core" : group.replace(/\.k8s\.io$/, "");
  const parts = [...g.split(/[.-]/), version];
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}
