// The in-process API (server/api/testing.ts) with kubun's controllers running against it
// through app.fetch, for tests of controller behaviour.
import type { KubeObject, StoredObject } from "../../shared/api/object.ts";
import { createLogger } from "../../shared/log.ts";
import { Client, type ApiResource } from "../../shared/client/index.ts";
import { waitUntil } from "../../shared/controller/testing.ts";
import { TEST_TOKEN, testApi } from "../api/testing.ts";
import { startControllers } from "./index.ts";

export const CONFIGMAPS: ApiResource = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
export const DEPLOYMENTS: ApiResource = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };
export const NAMESPACES: ApiResource = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };

export async function controllerEnv() {
  const api = await testApi();
  const fetch = (req: Request) => api.app.fetch(req);
  const controllers = startControllers({ fetch, token: TEST_TOKEN, registry: api.ctx.registry, log: createLogger("error"), queue: { baseDelayMs: 1, maxDelayMs: 200 }, namespaceContentPollMs: 20 });
  const client = new Client({ baseUrl: "http://kubun.test", fetch, token: TEST_TOKEN });
  return {
    api,
    client,
    controllers,
    /** The object, or undefined once it is gone. */
    async find(r: ApiResource, name: string, namespace?: string): Promise<StoredObject | undefined> {
      return client.get(r, name, { namespace }).catch((e) => (e.code === 404 ? undefined : Promise.reject(e)));
    },
    async gone(r: ApiResource, name: string, namespace?: string) {
      await waitUntil(`${r.plural} ${namespace ?? ""}/${name} to be gone`, async () => (await this.find(r, name, namespace)) === undefined);
    },
    async close() {
      await controllers.stop();
      api.close();
    },
  };
}

export const ownerRef = (owner: StoredObject, block = true) => ({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, blockOwnerDeletion: block });

export function configMap(name: string, namespace = "default", meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, ...meta }, data: { k: name } };
}

export function deployment(name: string, namespace: string): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "busybox" }] } } },
  };
}
