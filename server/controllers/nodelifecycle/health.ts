// Node health as the controller sees it (upstream's nodeHealthMap and tryUpdateNodeHealth): the
// controller's own clock notes when it last saw a sign of life — a renewed Lease or a new Ready
// heartbeat — so clock skew between nodes and server does not matter. A node silent for longer
// than the grace period has its kubelet conditions set to Unknown.
import type { NodeCondition } from "kubernetes-types/core/v1";
import { readyCondition, rfc3339, type LeaseObject, type NodeObject } from "./resources.ts";

interface Seen {
  /** When the controller last saw a sign of life (its clock, epoch ms). */
  probeAt: number;
  renewTime?: string;
  heartbeat?: string;
}

export interface HealthOptions {
  /** Silence allowed before a node is Unknown (upstream's node-monitor-grace-period, 40 s). */
  gracePeriodMs: number;
  /** Silence allowed for a node that never posted a Ready condition (node-startup-grace-period, 60 s). */
  startupGracePeriodMs: number;
}

export class NodeHealth {
  private seen = new Map<string, Seen>();

  constructor(private readonly opts: HealthOptions) {}

  /**
   * Note what `node` and its `lease` show at `now`; returns when the node becomes stale without
   * further signs of life (epoch ms).
   */
  observe(node: NodeObject, lease: LeaseObject | undefined, now: number): number {
    const name = node.metadata.name;
    const ready = readyCondition(node);
    const heartbeat = ready?.lastHeartbeatTime;
    const renewTime = lease?.spec?.renewTime;
    let s = this.seen.get(name);
    if (!s) {
      // Never seen: a node that never reported counts from its creation, others from now.
      const created = Date.parse(node.metadata.creationTimestamp ?? "");
      s = { probeAt: !ready && Number.isFinite(created) ? Math.min(created, now) : now, renewTime, heartbeat };
      this.seen.set(name, s);
    }
    if (heartbeat !== s.heartbeat) {
      s.heartbeat = heartbeat;
      s.probeAt = now;
    }
    if (renewTime && renewTime !== s.renewTime && (!s.renewTime || Date.parse(renewTime) > Date.parse(s.renewTime))) {
      s.renewTime = renewTime;
      s.probeAt = now;
    }
    return s.probeAt + (ready ? this.opts.gracePeriodMs : this.opts.startupGracePeriodMs);
  }

  forget(name: string) {
    this.seen.delete(name);
  }
}

/** The conditions the controller takes over when a node goes silent (NetworkUnavailable is not one). */
const KUBELET_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

/**
 * `conditions` of a node silent since before `now`: each kubelet condition Unknown (reason
 * NodeStatusUnknown, "Kubelet stopped posting node status."), or NodeStatusNeverUpdated when the
 * kubelet never posted it. Unchanged conditions keep their times.
 */
export function unknownConditions(conditions: readonly NodeCondition[] | undefined, created: string | undefined, now: number): NodeCondition[] {
  const out = [...(conditions ?? [])];
  for (const type of KUBELET_CONDITIONS) {
    const i = out.findIndex((c) => c.type === type);
    if (i < 0) {
      out.push({ type, status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: created, lastTransitionTime: rfc3339(now) });
    } else if (out[i].status !== "Unknown") {
      out[i] = { ...out[i], status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: rfc3339(now) };
    }
  }
  return out;
}
