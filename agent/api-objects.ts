// The runc runtime's ObjectGetter over the agent's API client: ConfigMaps and Secrets for
// envFrom, configMapKeyRef/secretKeyRef and volumes, read when a container starts, and
// service account tokens for projected volumes. NotFound is
// `undefined` (the runtime decides whether that is optional); other failures propagate.
import type { TokenRequest } from "kubernetes-types/authentication/v1";
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import type { KubeObject } from "../shared/api/object.ts";
import { StatusError } from "../shared/api/errors.ts";
import type { ApiResource, Client } from "../shared/client/index.ts";
import type { ObjectGetter } from "./runtime/runc/env-refs.ts";

const CONFIGMAPS: ApiResource = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const SERVICE_ACCOUNTS: ApiResource = { group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true };
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
    // As the node: the API lets a node ask only for tokens bound to its own pods.
    serviceAccountToken: async (namespace, name, spec) => {
      const req: KubeObject = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata: { name, namespace }, spec };
      const res = await client.create<TokenRequest>(SERVICE_ACCOUNTS, req, { namespace, subresource: "token" });
      if (!res.status?.token) throw new Error(`serviceaccounts/token of ${namespace}/${name} answered no token`);
      return res.status;
    },
  };
}
