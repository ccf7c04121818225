// The serviceaccounts controller: every active namespace has a `default` ServiceAccount,
// created when the namespace appears and again if someone deletes it (as upstream).
import type { Namespace, ServiceAccount } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isForbidden, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { runController, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";

export const NAMESPACES: ApiResource = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };
export const SERVICE_ACCOUNTS: ApiResource = { group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true };
export const DEFAULT_NAME = "default";
const FIELD_MANAGER = "serviceaccount-controller";

export interface ServiceAccountControllerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
}

type NamespaceObject = StoredObject & Namespace;
type ServiceAccountObject = StoredObject & ServiceAccount;

const active = (ns: NamespaceObject | undefined) => !!ns && !ns.metadata.deletionTimestamp && ns.status?.phase !== "Terminating";

export function startServiceAccountController(opts: ServiceAccountControllerOptions) {
  const { client } = opts;
  const log = opts.log.with({ controller: "serviceaccount" });
  const namespaces = opts.informers.for<NamespaceObject>(NAMESPACES);
  const accounts = opts.informers.for<ServiceAccountObject>(SERVICE_ACCOUNTS);

  const reconcile = async (namespace: string) => {
    if (!active(namespaces.get(namespace))) return;
    if (accounts.get(`${namespace}/${DEFAULT_NAME}`)) return;
    try {
      await client.create(SERVICE_ACCOUNTS, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: DEFAULT_NAME, namespace } }, { namespace, fieldManager: FIELD_MANAGER });
      log("service account created", { namespace, name: DEFAULT_NAME });
    } catch (e) {
      // Already there (the cache lags), or the namespace began terminating meanwhile.
      if (!isAlreadyExists(e) && !isForbidden(e)) throw e;
    }
  };

  const controller = runController<string>({
    name: "serviceaccount",
    workers: opts.workers ?? 1,
    queue: opts.queue,
    log: opts.log,
    ready: async () => void (await Promise.all([namespaces.waitForSync(), accounts.waitForSync()])),
    reconcile,
  });
  const offNs = namespaces.on({ add: (ns) => controller.enqueue(ns.metadata.name), update: (_old, ns) => controller.enqueue(ns.metadata.name) });
  const offSa = accounts.on({ delete: (sa) => sa.metadata.name === DEFAULT_NAME && controller.enqueue(sa.metadata.namespace!) });
  return {
    async stop() {
      offNs();
      offSa();
      await controller.stop();
    },
  };
}
