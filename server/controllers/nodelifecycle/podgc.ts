// The pod garbage collector's node part (upstream's podgc), one pod per reconcile:
// - a pod bound to a Node that no longer exists (still missing after a quarantine, checked with
//   a live read) is marked Failed with DisruptionTarget "DeletionByPodGC" and force-deleted;
// - a pod being deleted on an unreachable node (Ready Unknown and the unreachable taint) is
//   marked Failed and force-deleted once its grace period is over: no agent is there to confirm.
//   Upstream waits for an explicit node.kubernetes.io/out-of-service taint instead; kubun does not,
//   so the controller's replacement (a StatefulSet pod of the same name, too) can be created.
import { isConflict, isNotFound, type Client } from "../../../shared/client/index.ts";
import type { Clock } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { NODES, PODS, readyCondition, rfc3339, TAINT_UNREACHABLE, type NodeObject, type PodObject } from "./resources.ts";

export interface PodGCContext {
  client: Client;
  nodes: { get(name: string): NodeObject | undefined };
  pods: { get(key: string): PodObject | undefined };
  clock: Clock;
  log: Logger;
  /** How long a node must be missing before its pods go (upstream's quarantine, 40 s). */
  quarantineMs: number;
}

/** Ready Unknown and tainted unreachable: the controller has given up on the node's agent. */
export function isUnreachable(node: NodeObject): boolean {
  return readyCondition(node)?.status === "Unknown" && (node.spec?.taints ?? []).some((t) => t.key === TAINT_UNREACHABLE && t.effect === "NoExecute");
}

export function podGC(ctx: PodGCContext) {
  /** When the controller first missed each node pods are bound to. */
  const missingSince = new Map<string, number>();

  async function nodeExists(name: string): Promise<boolean> {
    try {
      await ctx.client.get(NODES, name);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  /** Upstream's markFailedAndDeletePod: phase Failed (with `condition`), then a zero-grace delete. */
  async function forceDelete(pod: PodObject, condition?: { reason: string; message: string }) {
    const { name, namespace, uid } = pod.metadata;
    try {
      const phase = pod.status?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") {
        const status: Record<string, unknown> = { phase: "Failed" };
        if (condition) status.conditions = [{ type: "DisruptionTarget", status: "True", ...condition, lastTransitionTime: rfc3339(ctx.clock.now()) }];
        await ctx.client.patch(PODS, name, { status }, { type: "strategic", namespace, subresource: "status" });
      }
      await ctx.client.delete(PODS, name, { namespace, gracePeriodSeconds: 0, preconditions: { uid } });
      ctx.log("pod force-deleted", { pod: `${namespace}/${name}`, node: pod.spec?.nodeName, reason: condition?.reason ?? "TerminatingOnUnreachableNode" });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  /** Reconciles one pod ("namespace/name"); returns when to look again (epoch ms), if needed. */
  async function reconcile(key: string): Promise<number | undefined> {
    const pod = ctx.pods.get(key);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return undefined;
    const now = ctx.clock.now();
    const node = ctx.nodes.get(nodeName);
    if (!node) {
      const since = missingSince.get(nodeName) ?? now;
      missingSince.set(nodeName, since);
      if (now < since + ctx.quarantineMs) return since + ctx.quarantineMs;
      if (await nodeExists(nodeName)) return undefined;
      await forceDelete(pod, { reason: "DeletionByPodGC", message: "PodGC: node no longer exists" });
      return undefined;
    }
    missingSince.delete(nodeName);
    if (!pod.metadata.deletionTimestamp || !isUnreachable(node)) return undefined;
    const graceOver = Date.parse(pod.metadata.deletionTimestamp);
    if (Number.isFinite(graceOver) && now < graceOver) return graceOver;
    await forceDelete(pod);
    return undefined;
  }

  return {
    reconcile,
    /** The node exists again (or was never missing): stop counting its quarantine. */
    nodeSeen: (name: string) => void missingSince.delete(name),
  };
}
