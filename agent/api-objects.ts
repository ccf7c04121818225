// The runc runtime's ObjectGetter over the agent's API client: ConfigMaps and Secrets for
// envFrom and configMapKeyRef/secretKeyRef, read when a container starts. NotFound is
// `undefined` (the runtime decides whether that is optional); other failures propagate.
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import { StatusError } from "../shared/api/errors.ts";
import type { ApiResource, Client } from "../shared/client/index.ts";
import type { ObjectGetter } from "./runtime/runc/env-refs.ts";

const CONFIGMAPS: ApiResource = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const SECRETS: ApiResource = { group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true };

async function getOrUndefined<T>(client: Client, res: ApiResource, namespace: string, name: string): Promise<T | undefined> {
  try {
    return await client.get<T>(res, name, { namespace });
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) return undefined;
    throw e;
  }
}

export function apiObjects(client: Client): ObjectGetter {
  return {
    configMap: (namespace, name) => getOrUndefined<ConfigMap>(client, CONFIGMAPS, namespace, name),
    secret: (namespace, name) => getOrUndefined<Secret>(client, SECRETS, namespace, name),
  };
}
