// The scheduling loop. Informers on pods (all namespaces), nodes and namespaces feed the cache
// and the queue (watch-handlers.ts). One pod at a time: filter the nodes, score the feasible
// ones, assume the pod on the winner and bind it in the background, so the next pod's decision
// already counts it; many binds may be in flight. A pod that fits nowhere gets a
// FailedScheduling event and PodScheduled=False, and is parked until the cluster changes.
import { hostname } from "node:os";
import type { Namespace, Node, Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../shared/api/object.ts";
import { isConflict, isNotFound, type Client } from "../../shared/client/index.ts";
import { realClock, SharedInformers, type Clock } from "../../shared/controller/index.ts";
import type { Logger } from "../../shared/log.ts";
import { findFeasible, fitErrorMessage, selectNode } from "./algorithm.ts";
import { SchedulerCache } from "./cache.ts";
import { Cycle } from "./cycle.ts";
import { EventRecorder } from "./events.ts";
import { defaultFilters } from "./filters/index.ts";
import { bindPod, markUnschedulable, namespacesResource, nodesResource, podsResource } from "./pod-writes.ts";
import { SchedulingQueue, type SchedulingQueueOptions } from "./queue.ts";
import { defaultScorers } from "./scores/index.ts";
import type { NamedFilter, Scorer } from "./types.ts";
import { DEFAULT_SCHEDULER, isPending, namespaceHandlers, nodeHandlers, podHandlers, type WatchDeps } from "./watch-handlers.ts";

export interface SchedulerOptions {
  client: Client;
  log: Logger;
  clock?: Clock;
  /** Uniform in [0, 1); breaks ties between equally good nodes. */
  rng?: () => number;
  /** The controllers' shared informers; without them the scheduler runs its own. */
  informers?: SharedInformers;
  schedulerName?: string;
  /** Background writes (binds, status patches) at once; the loop waits beyond this. */
  maxInFlight?: number;
  queue?: SchedulingQueueOptions;
  filters?: readonly NamedFilter[];
  scorers?: readonly Scorer[];
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function startScheduler(opts: SchedulerOptions): RunningScheduler {
  const clock = opts.clock ?? realClock;
  const rng = opts.rng ?? Math.random;
  const log = opts.log.with({ controller: "scheduler" });
  const schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER;
  const filters = opts.filters ?? defaultFilters;
  const scorers = opts.scorers ?? defaultScorers;
  const maxInFlight = opts.maxInFlight ?? 128;
  const ownInformers = !opts.informers;
  const informers = opts.informers ?? new SharedInformers(opts.client, { clock, log });
  const pods = informers.for<StoredObject & Pod>(podsResource);
  const nodes = informers.for<StoredObject & Node>(nodesResource);
  const namespaces = informers.for<StoredObject & Namespace>(namespacesResource);
  const cache = new SchedulerCache(() => clock.now());
  const queue = new SchedulingQueue({ clock, ...opts.queue });
  const recorder = new EventRecorder({ client: opts.client, component: schedulerName, instance: `${schedulerName}-${hostname()}`, clock, log });
  const deps: WatchDeps = { cache, queue, schedulerName, podOf: (key) => pods.get(key) };
  const unsubscribe = [pods.on(podHandlers(deps)), nodes.on(nodeHandlers(deps)), namespaces.on(namespaceHandlers(deps))];

  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  };
  let nextStart = 0;
  let lastExpiry = clock.now();

  async function bind(pod: StoredObject & Pod, key: string, node: string) {
    try {
      await bindPod(opts.client, pod, node);
      cache.finishBinding(key);
      queue.forget(key);
      recorder.record(pod, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`);
      log.level("debug")("bound pod", { pod: key, node });
    } catch (e) {
      cache.forget(key);
      queue.moveToActive();
      if (isNotFound(e)) queue.forget(key);
      else {
        queue.retryLater(key);
        if (!isConflict(e)) {
          log.level("warn")("binding failed; retrying", { pod: key, node, error: message(e) });
          recorder.record(pod, "Warning", "FailedScheduling", `Binding rejected: ${message(e)}`);
        }
      }
    } finally {
      queue.done(key);
    }
  }

  async function reportUnschedulable(pod: StoredObject & Pod, key: string, why: string) {
    try {
      await markUnschedulable(opts.client, pod, why, clock.now());
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) log.level("warn")("could not set PodScheduled=False", { pod: key, error: message(e) });
    } finally {
      queue.done(key);
    }
  }

  /** One scheduling attempt, synchronous up to the background write it starts. */
  function attempt(key: string) {
    queue.unpark(key);
    if (clock.now() - lastExpiry >= 1000) {
      lastExpiry = clock.now();
      for (const k of cache.expire()) log.level("warn")("assumed pod never showed up bound; forgetting it", { pod: k });
    }
    const pod = pods.get(key);
    if (!pod || !isPending(pod, schedulerName) || cache.isAssumed(key)) {
      if (!cache.isAssumed(key)) queue.forget(key);
      queue.done(key);
      return;
    }
    const all = cache.nodes();
    const ctx = new Cycle(pod, cache);
    const found = findFeasible(ctx, all, filters, all.length ? nextStart % all.length : 0);
    nextStart += found.processed;
    if (found.feasible.length === 0) {
      const why = fitErrorMessage(all.length, found.reasons);
      queue.markUnschedulable(key);
      recorder.record(pod, "Warning", "FailedScheduling", why);
      log.level("debug")("pod fits no node", { pod: key, reason: why });
      track(reportUnschedulable(pod, key, why));
      return;
    }
    const node = selectNode(ctx, found.feasible, scorers, rng).name;
    cache.assume(pod, node);
    track(bind(pod, key, node));
  }

  let stopping!: () => void;
  const stopped = new Promise<void>((resolve) => (stopping = resolve));
  const loop = (async () => {
    await Promise.race([stopped, Promise.all([pods.waitForSync(), nodes.waitForSync(), namespaces.waitForSync()])]);
    let n = 0;
    for (;;) {
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const key = await queue.get();
      if (key === undefined) return;
      try {
        attempt(key);
      } catch (e) {
        log.level("error")("scheduling attempt failed", { pod: key, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
        queue.retryLater(key);
        queue.done(key);
      }
      if (++n % 64 === 0) await new Promise((r) => setImmediate(r));
    }
  })();

  return {
    async stop() {
      stopping();
      queue.shutDown();
      await loop;
      await Promise.allSettled([...inFlight]);
      await recorder.flush();
      for (const off of unsubscribe) off();
      if (ownInformers) await informers.stop();
    },
  };
}
