// The root CA publisher (upstream's root-ca-cert-publisher): every active namespace has the
// ConfigMap `kube-root-ca.crt` whose `ca.crt` is the CA bundle that verifies the API server, so
// pods can trust it (the projected service-account volume mounts it). It is created when the
// namespace appears, put back when deleted and restored when someone edits it.
import type { ConfigMap, Namespace } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isForbidden, isNotFound, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { runController, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";

export const NAMESPACES: ApiResource = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };
export const CONFIGMAPS: ApiResource = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
export const ROOT_CA_NAME = "kube-root-ca.crt";
const DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";
const FIELD_MANAGER = "root-ca-cert-publisher";

export interface RootCaPublisherOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  /** The PEM bundle published as `ca.crt`. */
  caPem: string;
  queue?: QueueOptions;
}

type NamespaceObject = StoredObject & Namespace;
type ConfigMapObject = StoredObject & ConfigMap;

const active = (ns: NamespaceObject | undefined) => !!ns && !ns.metadata.deletionTimestamp && ns.status?.phase !== "Terminating";

export function startRootCaPublisher(opts: RootCaPublisherOptions) {
  const { client, caPem } = opts;
  const log = opts.log.with({ controller: "root-ca-cert-publisher" });
  const namespaces = opts.informers.for<NamespaceObject>(NAMESPACES);
  const configMaps = opts.informers.for<ConfigMapObject>(CONFIGMAPS);
  const data = { "ca.crt": caPem };
  const annotations = { "kubernetes.io/description": DESCRIPTION };

  const reconcile = async (namespace: string) => {
    if (!active(namespaces.get(namespace))) return;
    const cm = configMaps.get(`${namespace}/${ROOT_CA_NAME}`);
    try {
      if (!cm) {
        await client.create(CONFIGMAPS, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: ROOT_CA_NAME, namespace, annotations }, data }, { namespace, fieldManager: FIELD_MANAGER });
        log("root CA config map created", { namespace });
        return;
      }
      const current = cm.data?.["ca.crt"] === caPem && Object.keys(cm.data ?? {}).length === 1 && !cm.binaryData && cm.metadata.annotations?.["kubernetes.io/description"] === DESCRIPTION;
      if (current) return;
      const next = structuredClone(cm);
      next.data = data;
      delete next.binaryData;
      next.metadata.annotations = { ...next.metadata.annotations, ...annotations };
      await client.update(CONFIGMAPS, next, { namespace, fieldManager: FIELD_MANAGER });
      log("root CA config map restored", { namespace });
    } catch (e) {
      // Already there or gone (the cache lags), or the namespace began terminating meanwhile:
      // the watch brings the key back if anything is left to do.
      if (!isAlreadyExists(e) && !isForbidden(e) && !isNotFound(e)) throw e;
    }
  };

  const controller = runController<string>({
    name: "root-ca-cert-publisher",
    workers: 1,
    queue: opts.queue,
    log: opts.log,
    ready: async () => void (await Promise.all([namespaces.waitForSync(), configMaps.waitForSync()])),
    reconcile,
  });
  const mine = (cm: ConfigMapObject) => cm.metadata.name === ROOT_CA_NAME && controller.enqueue(cm.metadata.namespace!);
  const offNs = namespaces.on({ add: (ns) => controller.enqueue(ns.metadata.name), update: (_old, ns) => controller.enqueue(ns.metadata.name) });
  const offCm = configMaps.on({ update: (_old, cm) => mine(cm), delete: mine });
  return {
    async stop() {
      offNs();
      offCm();
      await controller.stop();
    },
  };
}
