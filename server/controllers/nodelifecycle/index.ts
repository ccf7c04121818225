// The node lifecycle controller (kube-controller-manager's nodelifecycle, tainteviction and the
// node part of podgc), as three level-triggered loops over shared Node, Lease and Pod informers:
// - monitor (key: node): conditions Unknown after the grace period, condition taints, NodeNotReady;
// - taint eviction (key: node): pods leave nodes with NoExecute taints they do not tolerate;
// - pod GC (key: pod): force-deletes pods whose node is gone or unreachable.
// Not done (upstream's zone logic): no eviction rate limit and no "all nodes are down, stop
// evicting" disruption mode — a cluster whose every node stops still has its pods evicted.
import type { Client } from "../../../shared/client/index.ts";
import { EventRecorder, onEveryChange, realClock, runController, type Clock, type Controller, type QueueOptions, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { NodeHealth } from "./health.ts";
import { nodeMonitor } from "./monitor.ts";
import { PodsByNode } from "./pod-index.ts";
import { podGC } from "./podgc.ts";
import { LEASES, NODE_LEASE_NAMESPACE, NODES, PODS, podKey, type LeaseObject, type NodeObject, type PodObject } from "./resources.ts";
import { taintEviction } from "./taint-eviction.ts";
import { noExecuteTaints } from "./taints.ts";
import { Wakeups } from "./wakeups.ts";

export interface NodeLifecycleOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  queue?: QueueOptions;
  /** The clock grace periods, tolerations and quarantines are measured on. */
  clock?: Clock;
  /** Silence before a node's Ready condition becomes Unknown (default 40 s). */
  gracePeriodMs?: number;
  /** The same for a node that never posted status (default 60 s). */
  startupGracePeriodMs?: number;
  /** How long a node must be missing before the pods bound to it are deleted (default 40 s). */
  podGCQuarantineMs?: number;
}

export function startNodeLifecycleController(opts: NodeLifecycleOptions) {
  const { client } = opts;
  const clock = opts.clock ?? realClock;
  const log = opts.log.with({ controller: "node-lifecycle" });
  const nodes = opts.informers.for<NodeObject>(NODES);
  const leases = opts.informers.for<LeaseObject>(LEASES);
  const pods = opts.informers.for<PodObject>(PODS);
  const index = new PodsByNode(pods);
  const nodeEvents = new EventRecorder({ client, component: "node-controller", clock, log });
  const evictionEvents = new EventRecorder({ client, component: "taint-eviction-controller", clock, log });
  const health = new NodeHealth({ gracePeriodMs: opts.gracePeriodMs ?? 40_000, startupGracePeriodMs: opts.startupGracePeriodMs ?? 60_000 });
  const monitor = nodeMonitor({ client, nodes, leases, pods: index, health, events: nodeEvents, clock, log });
  const eviction = taintEviction({ client, nodes, pods: index, events: evictionEvents, clock, log: log.with({ controller: "taint-eviction" }) });
  const gc = podGC({ client, nodes, pods, clock, log: log.with({ controller: "pod-garbage-collector" }), quarantineMs: opts.podGCQuarantineMs ?? 40_000 });
  const ready = async () => {
    await Promise.all([nodes.waitForSync(), leases.waitForSync(), pods.waitForSync()]);
  };

  const wakeups: Wakeups<string>[] = [];
  const loop = (name: string, reconcile: (key: string) => Promise<number | undefined>): Controller<string> => {
    const wake = new Wakeups<string>(clock, (key) => controller.enqueue(key));
    wakeups.push(wake);
    const controller: Controller<string> = runController<string>({
      name,
      workers: 2,
      queue: opts.queue,
      log: opts.log,
      ready,
      async reconcile(key) {
        const at = await reconcile(key);
        if (at !== undefined) wake.at(key, at);
      },
    });
    return controller;
  };
  const monitorLoop = loop("node-lifecycle", monitor);
  const evictionLoop = loop("taint-eviction", eviction.reconcile);
  const gcLoop = loop("pod-garbage-collector", gc.reconcile);

  const tainted = (nodeName: string | undefined) => !!nodeName && noExecuteTaints(nodes.get(nodeName)).length > 0;
  const gcIfNeeded = (pod: PodObject) => {
    const node = pod.spec?.nodeName;
    if (node && (pod.metadata.deletionTimestamp || !nodes.get(node))) gcLoop.enqueue(podKey(pod));
  };
  const leaseChanged = (lease: LeaseObject) => {
    if (lease.metadata.namespace === NODE_LEASE_NAMESPACE) monitorLoop.enqueue(lease.metadata.name);
  };
  const unsubscribe = [
    pods.on(index.handlers),
    pods.on({
      add(pod) {
        if (tainted(pod.spec?.nodeName)) evictionLoop.enqueue(pod.spec!.nodeName!);
        gcIfNeeded(pod);
      },
      update(old, pod) {
        const moved = old.spec?.nodeName !== pod.spec?.nodeName || JSON.stringify(old.spec?.tolerations) !== JSON.stringify(pod.spec?.tolerations);
        if (moved && tainted(pod.spec?.nodeName)) evictionLoop.enqueue(pod.spec!.nodeName!);
        gcIfNeeded(pod);
      },
      delete: (pod) => eviction.forget(podKey(pod)),
    }),
    nodes.on({
      add(node) {
        const name = node.metadata.name;
        gc.nodeSeen(name);
        monitorLoop.enqueue(name);
        if (noExecuteTaints(node).length) evictionLoop.enqueue(name);
      },
      update(old, node) {
        const name = node.metadata.name;
        monitorLoop.enqueue(name);
        if (JSON.stringify(noExecuteTaints(old)) !== JSON.stringify(noExecuteTaints(node))) evictionLoop.enqueue(name);
        if (JSON.stringify(old.spec?.taints) !== JSON.stringify(node.spec?.taints) || JSON.stringify(old.status?.conditions) !== JSON.stringify(node.status?.conditions)) {
          for (const pod of index.on(name)) if (pod.metadata.deletionTimestamp) gcLoop.enqueue(podKey(pod));
        }
      },
      delete(node) {
        const name = node.metadata.name;
        monitorLoop.enqueue(name);
        evictionLoop.enqueue(name);
        for (const pod of index.on(name)) gcLoop.enqueue(podKey(pod));
      },
    }),
    leases.on(onEveryChange(leaseChanged)),
  ];
  log.level("debug")("node lifecycle controller started", { gracePeriodMs: opts.gracePeriodMs ?? 40_000 });

  return {
    /** Pods waiting out a NoExecute toleration (tests read it). */
    scheduledEvictions: () => eviction.scheduled(),
    async stop() {
      for (const u of unsubscribe) u();
      for (const w of wakeups) w.stop();
      await Promise.all([monitorLoop.stop(), evictionLoop.stop(), gcLoop.stop()]);
      await Promise.all([nodeEvents.flush(), evictionEvents.flush()]);
    },
  };
}
