// Where objects live in the key space: /registry/<group|core>/<plural>/[<namespace>/]<name>.
import type { ResourceType } from "../registry/types.ts";

export function collectionPrefix(rt: ResourceType, namespace?: string): string {
  const base = `/registry/${rt.group || "core"}/${rt.plural}/`;
  return rt.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(rt: ResourceType, namespace: string | undefined, name: string): string {
  return rt.namespaced ? `${collectionPrefix(rt, namespace)}${name}` : `${collectionPrefix(rt)}${name}`;
}
