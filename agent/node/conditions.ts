// The node conditions the kubelet owns, with upstream's reasons and messages. A condition whose
// status did not change keeps its lastTransitionTime; heartbeats are set by the caller on a write.
import type { NodeCondition } from "kubernetes-types/core/v1";

export interface NodeHealth {
  ready: boolean;
  /** Why the node is not ready ("container runtime is down"). */
  notReadyMessage?: string;
  memoryPressure?: boolean;
  diskPressure?: boolean;
  pidPressure?: boolean;
}

export const KUBELET_CONDITIONS = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

type Cond = { type: string; status: "True" | "False"; reason: string; message: string };

function generate(h: NodeHealth): Cond[] {
  const pressure = (type: string, on: boolean | undefined, yes: [string, string], no: [string, string]): Cond =>
    on ? { type, status: "True", reason: yes[0], message: yes[1] } : { type, status: "False", reason: no[0], message: no[1] };
  return [
    pressure("MemoryPressure", h.memoryPressure, ["KubeletHasInsufficientMemory", "kubelet has insufficient memory available"], ["KubeletHasSufficientMemory", "kubelet has sufficient memory available"]),
    pressure("DiskPressure", h.diskPressure, ["KubeletHasDiskPressure", "kubelet has disk pressure"], ["KubeletHasNoDiskPressure", "kubelet has no disk pressure"]),
    pressure("PIDPressure", h.pidPressure, ["KubeletHasInsufficientPID", "kubelet has insufficient PID available"], ["KubeletHasSufficientPID", "kubelet has sufficient PID available"]),
    h.ready
      ? { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }
      : { type: "Ready", status: "False", reason: "KubeletNotReady", message: h.notReadyMessage ?? "kubelet is not ready" },
  ];
}

/**
 * Conditions from `health`, keeping conditions others own. Unchanged ones keep both their
 * lastTransitionTime and lastHeartbeatTime, so the result equals the old list when nothing
 * changed; `now` goes into what did change.
 */
export function nodeConditions(old: readonly NodeCondition[] | undefined, health: NodeHealth, now: string): NodeCondition[] {
  const prev = old ?? [];
  const mine = generate(health).map((c): NodeCondition => {
    const o = prev.find((p) => p.type === c.type);
    const same = o && o.status === c.status && o.reason === c.reason && o.message === c.message;
    return {
      ...c,
      lastHeartbeatTime: same && o.lastHeartbeatTime ? o.lastHeartbeatTime : now,
      lastTransitionTime: o && o.status === c.status && o.lastTransitionTime ? o.lastTransitionTime : now,
    };
  });
  return [...prev.filter((c) => !KUBELET_CONDITIONS.includes(c.type)), ...mine];
}

/** Every kubelet condition's heartbeat set to `now` (a status write). */
export function withHeartbeat(conditions: NodeCondition[], now: string): NodeCondition[] {
  return conditions.map((c) => (KUBELET_CONDITIONS.includes(c.type) ? { ...c, lastHeartbeatTime: now } : c));
}

/** The oldest heartbeat of the kubelet's conditions (epoch ms), or 0. */
export function oldestHeartbeat(conditions: readonly NodeCondition[] | undefined): number {
  const times = (conditions ?? []).filter((c) => KUBELET_CONDITIONS.includes(c.type)).map((c) => Date.parse(c.lastHeartbeatTime ?? "") || 0);
  return times.length ? Math.min(...times) : 0;
}
