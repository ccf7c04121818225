// The garbage collector: an ownership graph fed by informers on every collectable type, and
// two work queues of uids — attempt-to-delete (dependents whose owners are gone, owners in
// foreground deletion) and attempt-to-orphan (owners deleted with propagationPolicy Orphan).
import type { Client } from "../../../shared/client/index.ts";
import { runController, type QueueOptions, type ResourceSource, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { attemptToDelete, type GcContext } from "./attempt-delete.ts";
import { OwnerGraph } from "./graph.ts";
import { Monitors } from "./monitors.ts";
import { attemptToOrphan } from "./orphan.ts";
import { OwnerVerifier } from "./owners.ts";
import { afterDelete, afterUpsert, type Wake } from "./triggers.ts";

export interface GarbageCollectorOptions {
  client: Client;
  informers: SharedInformers;
  types: ResourceSource;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
}

export function startGarbageCollector(opts: GarbageCollectorOptions) {
  const log = opts.log.with({ controller: "garbage-collector" });
  const graph = new OwnerGraph();
  const wake = (w: Wake) => {
    for (const uid of w.attemptToDelete) deleter.enqueue(uid);
    for (const uid of w.attemptToOrphan) orphaner.enqueue(uid);
  };
  const monitors = new Monitors(
    opts.informers,
    opts.types,
    {
      upsert(resource, obj, prev) {
        graph.upsert(resource, obj);
        wake(afterUpsert(graph, obj, prev));
      },
      delete(_resource, obj) {
        graph.remove(obj);
        wake(afterDelete(graph, obj));
      },
    },
    log,
  );
  const gc: GcContext = {
    client: opts.client,
    graph,
    verifier: new OwnerVerifier(opts.client, opts.types, graph),
    enqueue: (uid) => deleter.enqueue(uid),
    fieldManager: "generic-garbage-collector",
    log: log.level("debug"),
  };
  // Workers wait until every monitored type is listed (CRD types included), so the graph
  // knows all dependents before anything is orphaned or deleted.
  const ready = () => monitors.waitForSync();
  const deleter = runController<string>({
    name: "garbage-collector",
    workers: opts.workers ?? 4,
    queue: opts.queue,
    log: opts.log,
    ready,
    reconcile: async (uid) => {
      await ready();
      await attemptToDelete(gc, uid);
    },
  });
  const orphaner = runController<string>({
    name: "garbage-collector-orphan",
    workers: Math.max(1, Math.floor((opts.workers ?? 4) / 2)),
    queue: opts.queue,
    log: opts.log,
    ready,
    reconcile: async (uid) => {
      await ready();
      await attemptToOrphan(gc, uid);
    },
  });
  return {
    graph,
    async stop() {
      monitors.stop();
      await Promise.all([deleter.stop(), orphaner.stop()]);
    },
  };
}
