// The node health monitor, one node per reconcile (upstream's monitorNodeHealth with taint-based
// eviction): a node silent past the grace period gets Ready (and the other kubelet conditions)
// Unknown; its taints follow its conditions (taints.ts); when it stops being Ready the controller
// records NodeNotReady and marks its pods not ready, so Services stop sending them traffic.
import type { Pod } from "kubernetes-types/core/v1";
import type { Client } from "../../../shared/client/index.ts";
import { isNotFound } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { unknownConditions, type NodeHealth } from "./health.ts";
import type { PodsByNode } from "./pod-index.ts";
import { NODE_LEASE_NAMESPACE, NODES, PODS, readyCondition, rfc3339, type LeaseObject, type NodeObject, type PodObject } from "./resources.ts";
import { reconcileTaints } from "./taints.ts";

export interface MonitorContext {
  client: Client;
  nodes: { get(name: string): NodeObject | undefined };
  leases: { get(key: string): LeaseObject | undefined };
  pods: PodsByNode;
  health: NodeHealth;
  events: EventRecorder;
  clock: Clock;
  log: Logger;
}

export const leaseKey = (node: string) => `${NODE_LEASE_NAMESPACE}/${node}`;

/** Reconciles one node; returns when to look again (epoch ms), if the node is not stale yet. */
export function nodeMonitor(ctx: MonitorContext) {
  /** The Ready status last acted on, per node: NodeNotReady fires on the way down from True. */
  const lastReady = new Map<string, string>();

  return async function reconcile(name: string): Promise<number | undefined> {
    const node = ctx.nodes.get(name);
    if (!node) {
      ctx.health.forget(name);
      lastReady.delete(name);
      return undefined;
    }
    const now = ctx.clock.now();
    const staleAt = ctx.health.observe(node, ctx.leases.get(leaseKey(name)), now);
    let current = node;
    if (now > staleAt) {
      const conditions = unknownConditions(node.status?.conditions, node.metadata.creationTimestamp, now);
      if (JSON.stringify(conditions) !== JSON.stringify(node.status?.conditions ?? [])) {
        current = await ctx.client.updateStatus<NodeObject>(NODES, { ...node, status: { ...node.status, conditions } });
        ctx.log("node stopped posting status; its conditions are now Unknown", { node: name });
      }
    }
    const taints = reconcileTaints(current, now);
    if (taints) {
      const patch = { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: { taints: taints.length ? taints : null } };
      current = await ctx.client.patch<NodeObject>(NODES, name, patch, { type: "merge" });
      ctx.log.level("debug")("node taints updated", { node: name, taints: taints.map((t) => `${t.key}:${t.effect}`) });
    }
    const status = readyCondition(current)?.status;
    if (status) {
      if (lastReady.get(name) === "True" && status !== "True") {
        ctx.events.record(current, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
        await markPodsNotReady(ctx, ctx.pods.on(name), now);
      }
      lastReady.set(name, status);
    }
    return now > staleAt ? undefined : staleAt + 1;
  };
}

const podReady = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === "Ready");

/** Upstream's MarkPodsNotReady: each pod's Ready condition becomes False, with a NodeNotReady event. */
export async function markPodsNotReady(ctx: Pick<MonitorContext, "client" | "events">, pods: PodObject[], now: number) {
  const failures: string[] = [];
  for (const pod of pods) {
    const ready = podReady(pod);
    if (!ready || ready.status === "False") continue;
    const patch = { status: { conditions: [{ type: "Ready", status: "False", lastTransitionTime: rfc3339(now) }] } };
    try {
      await ctx.client.patch(PODS, pod.metadata.name, patch, { type: "strategic", namespace: pod.metadata.namespace, subresource: "status" });
      ctx.events.record(pod, "Warning", "NodeNotReady", "Node is not ready");
    } catch (e) {
      if (!isNotFound(e)) failures.push(`${pod.metadata.namespace}/${pod.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failures.length) throw new Error(`could not mark pods not ready: ${failures.join("; ")}`);
}
