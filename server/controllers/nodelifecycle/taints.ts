// The taints the node lifecycle controller keeps on a node, as pure functions of the node:
// - NoSchedule taints mirror conditions (upstream's doNoScheduleTaintingPass): Ready False →
//   not-ready, Ready Unknown → unreachable, MemoryPressure/DiskPressure/PIDPressure/
//   NetworkUnavailable True → the matching pressure taint, spec.unschedulable → unschedulable.
// - NoExecute taints follow Ready (upstream's taint-based eviction): False → not-ready,
//   Unknown → unreachable, True → neither. The two are mutually exclusive.
// Taints the controller adds carry timeAdded; taints it keeps are left as they were.
import type { Node, Taint } from "kubernetes-types/core/v1";
import { readyCondition, rfc3339, TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from "./resources.ts";

/** Condition type → status → taint key (upstream's nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
};

const NO_SCHEDULE_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);
const NO_EXECUTE_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE]);

const managedBy = (t: Taint, wantNoExecute: boolean) =>
  (t.effect === "NoSchedule" && NO_SCHEDULE_KEYS.has(t.key)) || (wantNoExecute && t.effect === "NoExecute" && NO_EXECUTE_KEYS.has(t.key));

/** The NoSchedule taints `node`'s conditions and spec call for. */
export function conditionTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: "NoSchedule" });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  return out;
}

/**
 * The NoExecute taint the Ready condition calls for: null for none (Ready True), undefined when
 * there is no Ready condition to go by (then the NoExecute taints are left alone, as upstream).
 */
export function readinessTaint(node: Node): Taint | null | undefined {
  const ready = readyCondition(node);
  if (!ready) return undefined;
  if (ready.status === "False") return { key: TAINT_NOT_READY, effect: "NoExecute" };
  if (ready.status === "Unknown") return { key: TAINT_UNREACHABLE, effect: "NoExecute" };
  return null;
}

const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * The node's taints with the controller's own brought up to date, or undefined when nothing
 * changes. Taints others own are kept in place; new ones are appended with timeAdded `now`.
 */
export function reconcileTaints(node: Node, now: number): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const noExecute = readinessTaint(node);
  const wanted = [...conditionTaints(node), ...(noExecute ? [noExecute] : [])];
  const manageNoExecute = noExecute !== undefined;
  const kept = current.filter((t) => !managedBy(t, manageNoExecute) || wanted.some((w) => same(w, t)));
  const added = wanted.filter((w) => !kept.some((t) => same(t, w))).map((w) => ({ ...w, timeAdded: rfc3339(now) }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

/** The NoExecute taints of a node (what the taint eviction controller acts on). */
export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
}
