// The NoExecute taint manager (upstream's tainteviction controller), one node per reconcile: a
// pod that does not tolerate every NoExecute taint of its node is deleted at once; a pod that
// tolerates them for tolerationSeconds is deleted that long after the taints were added (their
// timeAdded); a pod that tolerates them forever stays. Deleting is all it does: the pod's
// controller makes a replacement, and the pod GC finishes pods their node can no longer stop.
import type { Taint, Toleration } from "kubernetes-types/core/v1";
import { isConflict, isNotFound, type Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { tolerates } from "../../scheduler/tolerations.ts";
import type { PodsByNode } from "./pod-index.ts";
import { PODS, podKey, rfc3339, type NodeObject, type PodObject } from "./resources.ts";
import { noExecuteTaints } from "./taints.ts";

/**
 * When a pod with `tolerations` must leave a node with NoExecute `taints` (epoch ms): at once
 * (`now`-or-earlier) when a taint is not tolerated, Infinity when the tolerations used have no
 * tolerationSeconds, else the earliest taint's time plus the smallest tolerationSeconds (as
 * upstream's GetMatchingTolerations and getMinTolerationTime).
 */
export function evictionTime(tolerations: readonly Toleration[], taints: readonly Taint[], addedAt: (t: Taint) => number): number {
  if (taints.length === 0) return Infinity;
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((t) => tolerates(t, taint));
    if (!t) return -Infinity;
    used.push(t);
  }
  let seconds = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    seconds = Math.min(seconds, Math.max(0, t.tolerationSeconds));
  }
  if (seconds === Infinity) return Infinity;
  return Math.min(...taints.map(addedAt)) + seconds * 1000;
}

export interface TaintEvictionContext {
  client: Client;
  nodes: { get(name: string): NodeObject | undefined };
  pods: PodsByNode;
  events: EventRecorder;
  clock: Clock;
  log: Logger;
}

export function taintEviction(ctx: TaintEvictionContext) {
  /** Pod key → when it is due to go, for pods waiting out a toleration. */
  const scheduled = new Map<string, number>();
  /** Pods deleted, by key → uid, until the informer shows them deleting (no second delete). */
  const evicted = new Map<string, string>();
  /** When the controller first saw a taint that has no timeAdded ("node\0key\0effect"). */
  const firstSeen = new Map<string, number>();

  const cancel = (pod: PodObject) => {
    if (!scheduled.delete(podKey(pod))) return;
    ctx.events.record(pod, "Normal", "TaintManagerEviction", `Cancelling deletion of Pod ${podKey(pod)}`);
  };

  async function evict(pod: PodObject, now: number) {
    const { name, namespace, uid } = pod.metadata;
    ctx.events.record(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${namespace}/${name}`);
    try {
      const target = pod.status?.conditions?.find((c) => c.type === "DisruptionTarget");
      if (target?.status !== "True") {
        const condition = { type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint", lastTransitionTime: rfc3339(now) };
        await ctx.client.patch(PODS, name, { status: { conditions: [condition] } }, { type: "strategic", namespace, subresource: "status" });
      }
      await ctx.client.delete(PODS, name, { namespace, preconditions: { uid } });
      evicted.set(podKey(pod), uid);
      ctx.log("pod evicted: it does not tolerate its node's NoExecute taints (any longer)", { pod: `${namespace}/${name}`, node: pod.spec?.nodeName });
    } catch (e) {
      // Gone, or replaced by a pod of the same name: nothing left to evict.
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  /** Reconciles the pods of one node; returns when to look again (epoch ms), if some wait. */
  async function reconcile(nodeName: string): Promise<number | undefined> {
    const taints = noExecuteTaints(ctx.nodes.get(nodeName));
    const now = ctx.clock.now();
    const addedAt = (t: Taint) => {
      if (t.timeAdded && Number.isFinite(Date.parse(t.timeAdded))) return Date.parse(t.timeAdded);
      const k = `${nodeName}\0${t.key}\0${t.effect}`;
      if (!firstSeen.has(k)) firstSeen.set(k, now);
      return firstSeen.get(k)!;
    };
    for (const k of firstSeen.keys()) {
      if (k.startsWith(`${nodeName}\0`) && !taints.some((t) => k === `${nodeName}\0${t.key}\0${t.effect}`)) firstSeen.delete(k);
    }
    let next = Infinity;
    const failures: string[] = [];
    for (const pod of ctx.pods.on(nodeName)) {
      if (pod.metadata.deletionTimestamp || evicted.get(podKey(pod)) === pod.metadata.uid) {
        scheduled.delete(podKey(pod));
        if (pod.metadata.deletionTimestamp) evicted.delete(podKey(pod));
        continue;
      }
      const at = evictionTime(pod.spec?.tolerations ?? [], taints, addedAt);
      if (at === Infinity) cancel(pod);
      else if (at <= now) {
        scheduled.delete(podKey(pod));
        await evict(pod, now).catch((e) => failures.push(`${podKey(pod)}: ${e instanceof Error ? e.message : String(e)}`));
      } else {
        scheduled.set(podKey(pod), at);
        next = Math.min(next, at);
      }
    }
    if (failures.length) throw new Error(`could not evict pods from node ${nodeName}: ${failures.join("; ")}`);
    return next === Infinity ? undefined : next;
  }

  return {
    reconcile,
    /** A pod went away: drop what was scheduled for it. */
    forget(key: string) {
      scheduled.delete(key);
      evicted.delete(key);
    },
    /** Pods waiting out a toleration (tests read it). */
    scheduled: () => new Map(scheduled),
  };
}
