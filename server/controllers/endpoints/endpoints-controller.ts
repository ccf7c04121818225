// The endpoints controller: core/v1 Endpoints for every Service with a selector, named like
// the Service, written only when they change; a deleted Service's Endpoints are deleted.
// Services without a selector keep the Endpoints their users write.
import type { Endpoints } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isNotFound, type Client } from "../../../shared/client/index.ts";
import { keyOf, runController, splitKey, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { GroupedCache, sameJson } from "./cache.ts";
import { selects, type PodObject, type ServiceObject } from "./pods.ts";
import { ENDPOINTS, PODS, SERVICES, SKIP_MIRROR_LABEL } from "./resources.ts";
import { desiredEndpoints } from "./subsets.ts";
import { watchServicePods } from "./triggers.ts";

export interface EndpointsControllerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
}

type EndpointsObject = StoredObject & Endpoints;
const FIELD_MANAGER = "endpoint-controller";

export const hasSelector = (svc: ServiceObject) => Object.keys(svc.spec?.selector ?? {}).length > 0;

export function startEndpointsController(opts: EndpointsControllerOptions) {
  const { client } = opts;
  const log = opts.log.with({ controller: "endpoints" });
  const services = opts.informers.for<ServiceObject>(SERVICES);
  const pods = opts.informers.for<PodObject>(PODS);
  const endpoints = opts.informers.for<EndpointsObject>(ENDPOINTS);
  const podsByNs = new GroupedCache(pods, (p) => p.metadata.namespace);

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const svc = services.get(key);
    const live = endpoints.get(key);
    if (!svc) {
      if (live) await client.delete(ENDPOINTS, name, { namespace, preconditions: { uid: live.metadata.uid } }).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
      return;
    }
    if (!hasSelector(svc)) return;
    const want = desiredEndpoints(svc, podsByNs.get(namespace!).filter((p) => selects(svc, p)));
    if (!live) {
      await client.create(ENDPOINTS, want, { namespace, fieldManager: FIELD_MANAGER });
      log.level("debug")("endpoints created", { key });
      return;
    }
    if (sameJson(live.subsets ?? [], want.subsets ?? []) && sameJson(live.metadata.labels ?? {}, want.metadata?.labels ?? {})) return;
    const next: EndpointsObject = { ...live, metadata: { ...live.metadata, labels: want.metadata!.labels }, subsets: want.subsets };
    if (!want.subsets) delete next.subsets;
    await client.update(ENDPOINTS, next, { namespace, fieldManager: FIELD_MANAGER });
    log.level("debug")("endpoints updated", { key });
  };

  const controller = runController<string>({
    name: "endpoints",
    workers: opts.workers ?? 2,
    queue: opts.queue,
    log: opts.log,
    ready: async () => {
      await Promise.all([services.waitForSync(), pods.waitForSync(), endpoints.waitForSync()]);
      // Endpoints a controller wrote for a Service deleted while nobody watched.
      for (const ep of endpoints.list()) if (ep.metadata.labels?.[SKIP_MIRROR_LABEL] === "true" && !services.get(keyOf(ep))) controller.enqueue(keyOf(ep));
    },
    reconcile,
  });
  const triggers = watchServicePods({ services, pods, enqueue: (k) => controller.enqueue(k) });
  // A changed or deleted Endpoints of a selector Service is put back.
  const repair = (ep: EndpointsObject) => {
    const svc = services.get(keyOf(ep));
    if (svc && hasSelector(svc)) controller.enqueue(keyOf(ep));
  };
  const unsubscribe = endpoints.on({ update: (_old, ep) => repair(ep), delete: repair });
  return {
    async stop() {
      unsubscribe();
      triggers();
      podsByNs.unsubscribe();
      await controller.stop();
    },
  };
}
