// The StatefulSet controller: pods with stable names `<set>-<ordinal>`, hostnames and claims
// (`<claim>-<set>-<ordinal>`), OrderedReady or Parallel, RollingUpdate (reverse ordinal order,
// partition) or OnDelete, ControllerRevisions and full status. Watch handlers only enqueue keys.
import type { Client } from "../../../shared/client/index.ts";
import { EventRecorder, keyOf, realClock, runController, type Clock, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import { controllerOf } from "../../../shared/controller/pod-state.ts";
import type { Logger } from "../../../shared/log.ts";
import { CONTROLLER_REVISIONS, type Revision } from "../history/revisions.ts";
import { syncStatefulSet } from "./sync.ts";
import { PODS, PVCS, STATEFULSETS, type ClaimObject, type PodObject, type StatefulSetDeps, type StatefulSetObject } from "./types.ts";

export interface StatefulSetControllerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
  clock?: Clock;
}

export function startStatefulSetController(opts: StatefulSetControllerOptions) {
  const log = opts.log.with({ controller: "statefulset" });
  const clock = opts.clock ?? realClock;
  const sets = opts.informers.for<StatefulSetObject>(STATEFULSETS);
  const pods = opts.informers.for<PodObject>(PODS);
  const claims = opts.informers.for<ClaimObject>(PVCS);
  const revisions = opts.informers.for<Revision>(CONTROLLER_REVISIONS);
  const recorder = new EventRecorder({ client: opts.client, component: "statefulset-controller", clock, log });
  const deps: StatefulSetDeps = { client: opts.client, sets, pods, claims, revisions, recorder, clock, log };
  const informers = [sets, pods, claims, revisions];
  const controller = runController<string>({
    name: "statefulset",
    workers: opts.workers ?? 5,
    queue: { ...opts.queue, clock: opts.queue?.clock ?? clock },
    log: opts.log,
    ready: () => Promise.all(informers.map((i) => i.waitForSync())).then(() => undefined),
    reconcile: (key) => syncStatefulSet(deps, key),
  });
  const enqueueOwner = (obj: PodObject | Revision) => {
    const ref = controllerOf(obj);
    if (ref?.kind === "StatefulSet") controller.enqueue(`${obj.metadata.namespace}/${ref.name}`);
  };
  const unsubscribe = [
    sets.on({ add: (s) => controller.enqueue(keyOf(s)), update: (_o, s) => controller.enqueue(keyOf(s)), delete: (s) => controller.enqueue(keyOf(s)) }),
    pods.on({ add: enqueueOwner, update: (old, p) => (enqueueOwner(old), enqueueOwner(p)), delete: enqueueOwner }),
    revisions.on({ add: enqueueOwner, update: (_o, r) => enqueueOwner(r), delete: enqueueOwner }),
  ];
  return {
    async stop() {
      for (const u of unsubscribe) u();
      await controller.stop();
      await recorder.flush();
    },
  };
}
