// Informer events → the scheduler's cache and queue. Pending pods are queued; bound pods update
// the cache; parked (unschedulable) pods are retried when something happens that could let
// them fit: a node added or changed in what scheduling reads, a bound pod leaving or
// finishing, a bound pod arriving or relabelled (for pods with required pod affinity).
import type { Namespace, Node, Pod } from "kubernetes-types/core/v1";
import type { InformerHandlers } from "../../shared/controller/index.ts";
import { isTerminal, type SchedulerCache } from "./cache.ts";
import { podKey } from "./node-info.ts";
import { podTerms } from "./pod-terms.ts";
import type { SchedulingQueue } from "./queue.ts";

export const DEFAULT_SCHEDULER = "default-scheduler";

/** A pod this scheduler should place: unbound, its own, not going away, not gated. */
export function isPending(pod: Pod, schedulerName = DEFAULT_SCHEDULER): boolean {
  const spec = pod.spec;
  return (
    !spec?.nodeName &&
    (spec?.schedulerName || DEFAULT_SCHEDULER) === schedulerName &&
    !pod.metadata?.deletionTimestamp &&
    !isTerminal(pod) &&
    !spec?.schedulingGates?.length
  );
}

const bound = (pod: Pod) => !!pod.spec?.nodeName && !isTerminal(pod);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The parts of a Node that scheduling reads. */
function schedulingView(n: Node) {
  return [
    n.metadata?.labels,
    n.spec?.taints,
    n.spec?.unschedulable,
    n.status?.allocatable ?? n.status?.capacity,
    n.status?.conditions?.find((c) => c.type === "Ready")?.status,
  ];
}

export interface WatchDeps {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  schedulerName: string;
  /** The pod with this key as the informer has it now. */
  podOf(key: string): Pod | undefined;
}

export function podHandlers({ cache, queue, schedulerName, podOf }: WatchDeps): InformerHandlers<Pod> {
  const withAffinity = (key: string) => {
    const p = podOf(key);
    return !!p && podTerms(p).requiredAffinity.length > 0;
  };
  return {
    add(pod) {
      cache.updatePod(pod);
      if (isPending(pod, schedulerName)) queue.add(podKey(pod));
      else if (bound(pod)) queue.moveToActive(withAffinity);
    },
    update(old, pod) {
      cache.updatePod(pod);
      const key = podKey(pod);
      if (isPending(pod, schedulerName)) {
        if (!same(old.spec, pod.spec) || !same(old.metadata?.labels, pod.metadata?.labels)) queue.activate(key);
        else queue.add(key);
      } else queue.forget(key);
      if (bound(old) && !bound(pod)) queue.moveToActive();
      else if (bound(pod) && (!bound(old) || !same(old.metadata?.labels, pod.metadata?.labels))) queue.moveToActive(withAffinity);
    },
    delete(pod) {
      cache.removePod(pod);
      queue.forget(podKey(pod));
      if (bound(pod)) queue.moveToActive();
    },
  };
}

export function nodeHandlers({ cache, queue }: WatchDeps): InformerHandlers<Node> {
  return {
    add(node) {
      cache.upsertNode(node);
      queue.moveToActive();
    },
    update(old, node) {
      cache.upsertNode(node);
      if (!same(schedulingView(old), schedulingView(node))) queue.moveToActive();
    },
    delete(node) {
      cache.removeNode(node.metadata?.name ?? "");
    },
  };
}

export function namespaceHandlers({ cache, queue }: WatchDeps): InformerHandlers<Namespace> {
  return {
    add(ns) {
      cache.setNamespace(ns.metadata?.name ?? "", ns.metadata?.labels);
    },
    update(old, ns) {
      cache.setNamespace(ns.metadata?.name ?? "", ns.metadata?.labels);
      if (!same(old.metadata?.labels, ns.metadata?.labels)) queue.moveToActive();
    },
    delete(ns) {
      cache.deleteNamespace(ns.metadata?.name ?? "");
    },
  };
}
