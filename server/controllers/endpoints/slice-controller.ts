// The endpointslice controller: discovery.k8s.io/v1 EndpointSlices for every Service with a
// selector, owned by the Service (the garbage collector removes them with it), labeled
// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, written only when
// they change. Slices of other managers are never touched.
import { isNotFound, type Client } from "../../../shared/client/index.ts";
import { runController, splitKey, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { GroupedCache } from "./cache.ts";
import { hasSelector } from "./endpoints-controller.ts";
import { selects, type PodObject, type ServiceObject } from "./pods.ts";
import { ENDPOINT_SLICES, PODS, SERVICES } from "./resources.ts";
import { desiredGroups, isManagedSlice, sliceServiceKey, type SliceObject } from "./slice-desired.ts";
import { planSlices, type SlicePlan } from "./slice-plan.ts";
import { SliceTracker } from "./tracker.ts";
import { watchServicePods } from "./triggers.ts";

export interface SliceControllerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
}

const FIELD_MANAGER = "endpointslice-controller";
/** Look again after this long if the cache still lags behind our own writes. */
const STALE_RETRY_MS = 1000;

export function startEndpointSliceController(opts: SliceControllerOptions) {
  const { client } = opts;
  const log = opts.log.with({ controller: "endpointslice" });
  const services = opts.informers.for<ServiceObject>(SERVICES);
  const pods = opts.informers.for<PodObject>(PODS);
  const slices = opts.informers.for<SliceObject>(ENDPOINT_SLICES);
  const podsByNs = new GroupedCache(pods, (p) => p.metadata.namespace);
  const slicesBySvc = new GroupedCache(slices, (s) => (isManagedSlice(s) ? sliceServiceKey(s) : undefined));
  const tracker = new SliceTracker();

  const apply = async (key: string, namespace: string, plan: SlicePlan) => {
    for (const s of plan.delete) {
      await client.delete(ENDPOINT_SLICES, s.metadata.name, { namespace, preconditions: { uid: s.metadata.uid } }).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
      tracker.deleted(key, s);
    }
    for (const s of plan.update) tracker.written(key, await client.update<SliceObject>(ENDPOINT_SLICES, s, { namespace, fieldManager: FIELD_MANAGER }));
    for (const s of plan.create) tracker.written(key, await client.create<SliceObject>(ENDPOINT_SLICES, s, { namespace, fieldManager: FIELD_MANAGER }));
  };

  const reconcile = async (key: string) => {
    const { namespace } = splitKey(key);
    const svc = services.get(key);
    if (!svc) return void tracker.forget(key); // the garbage collector deletes its slices
    const existing = slicesBySvc.get(key);
    if (tracker.stale(key, existing)) return { requeueAfterMs: STALE_RETRY_MS };
    const plan: SlicePlan = hasSelector(svc)
      ? planSlices(svc, desiredGroups(svc, podsByNs.get(namespace!).filter((p) => selects(svc, p))), existing)
      : { create: [], update: [], delete: existing.filter((s) => s.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid)) };
    if (!plan.create.length && !plan.update.length && !plan.delete.length) return;
    await apply(key, namespace!, plan);
    log.level("debug")("endpoint slices written", { key, created: plan.create.length, updated: plan.update.length, deleted: plan.delete.length });
  };

  const controller = runController<string>({
    name: "endpointslice",
    workers: opts.workers ?? 2,
    queue: opts.queue,
    log: opts.log,
    ready: async () => {
      await Promise.all([services.waitForSync(), pods.waitForSync(), slices.waitForSync()]);
    },
    reconcile,
  });
  const triggers = watchServicePods({ services, pods, enqueue: (k) => controller.enqueue(k) });
  const unsubscribe = slices.on({
    add: (s) => isManagedSlice(s) && controller.enqueue(sliceServiceKey(s)),
    update: (_old, s) => isManagedSlice(s) && controller.enqueue(sliceServiceKey(s)),
    delete: (s) => {
      if (!isManagedSlice(s)) return;
      tracker.observedDelete(sliceServiceKey(s), s);
      controller.enqueue(sliceServiceKey(s));
    },
  });
  return {
    async stop() {
      unsubscribe();
      triggers();
      podsByNs.unsubscribe();
      slicesBySvc.unsubscribe();
      await controller.stop();
    },
  };
}
