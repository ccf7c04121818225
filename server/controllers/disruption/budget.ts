// A PodDisruptionBudget's status as pure functions of the budget, its pods and the scale of their
// controllers (upstream's disruption controller: getExpectedPodCount, buildDisruptedPodMap,
// countHealthyPods, updatePdbStatus, UpdateDisruptionAllowedCondition).
import type { Pod } from "kubernetes-types/core/v1";
import type { Condition, OwnerReference } from "kubernetes-types/meta/v1";
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from "kubernetes-types/policy/v1";

/** How long an eviction's pod counts as about to go (upstream's DeletionTimeout, 2 min). */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** An int-or-percent against `total`, percentages rounded up (GetScaledValueFromIntOrPercent). */
export function scaled(value: number | string, total: number): number {
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${value}": must be an integer or percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

export const controllerRefOf = (pod: Pod): OwnerReference | undefined => pod.metadata?.ownerReferences?.find((r) => r.controller === true);

/** The scale of the controller behind `ref` (its uid and replicas), or null when there is none. */
export type ScaleFinder = (ref: OwnerReference, namespace: string) => Promise<{ uid: string; replicas: number } | null>;

export interface Expected {
  expectedCount: number;
  desiredHealthy: number;
  /** Pods without a controller, which a percentage or maxUnavailable cannot account for. */
  unmanaged: string[];
}

/** Sum of the scales of the pods' controllers; throws when a pod's controller cannot be found. */
async function expectedScale(pods: Pod[], find: ScaleFinder): Promise<{ count: number; unmanaged: string[] }> {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata?.name ?? "");
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = await find(ref, pod.metadata?.namespace ?? "");
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata?.name}"`);
    scales.set(found.uid, found.replicas);
  }
  return { count: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
}

/** How many pods the budget expects, and how many of them it wants healthy. */
export async function expectedPods(pdb: PodDisruptionBudget, pods: Pod[], find: ScaleFinder): Promise<Expected> {
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const { count, unmanaged } = await expectedScale(pods, find);
    return { expectedCount: count, desiredHealthy: Math.max(0, count - scaled(maxUnavailable, count)), unmanaged };
  }
  if (typeof minAvailable === "number") return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
  if (typeof minAvailable === "string") {
    const { count, unmanaged } = await expectedScale(pods, find);
    return { expectedCount: count, desiredHealthy: scaled(minAvailable, count), unmanaged };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
}

/**
 * The evictions still in flight: status.disruptedPods entries whose pod exists, is not being
 * deleted yet and was evicted less than DELETION_TIMEOUT ago. Entries past it are reported as
 * `notDeleted`; `recheckAt` is when the earliest remaining one expires.
 */
export function disruptedPods<P extends Pod>(pdb: PodDisruptionBudget, pods: P[], now: number) {
  const disrupted: Record<string, string> = {};
  const notDeleted: P[] = [];
  let recheckAt: number | undefined;
  const listed = pdb.status?.disruptedPods ?? {};
  for (const pod of pods) {
    const name = pod.metadata?.name ?? "";
    if (pod.metadata?.deletionTimestamp || !(name in listed)) continue;
    const expires = Date.parse(listed[name]) + DELETION_TIMEOUT_MS;
    if (!(expires >= now)) notDeleted.push(pod);
    else {
      disrupted[name] = listed[name];
      recheckAt = Math.min(recheckAt ?? Infinity, expires);
    }
  }
  return { disrupted, notDeleted, recheckAt };
}

const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** Ready pods that are neither being deleted nor just evicted. */
export function countHealthy(pods: Pod[], disrupted: Record<string, string>, now: number): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = disrupted[pod.metadata?.name ?? ""];
    if (at !== undefined && Date.parse(at) + DELETION_TIMEOUT_MS > now) continue;
    if (isReady(pod)) n++;
  }
  return n;
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setCondition(conditions: readonly Condition[] | undefined, c: Omit<Condition, "lastTransitionTime">, now: number): Condition[] {
  const out = [...(conditions ?? [])];
  const i = out.findIndex((x) => x.type === c.type);
  if (i < 0) out.push({ ...c, lastTransitionTime: rfc3339(now) });
  else out[i] = { ...out[i], ...c, lastTransitionTime: out[i].status === c.status ? out[i].lastTransitionTime : rfc3339(now) };
  return out;
}

/** The DisruptionAllowed condition for `status` (SufficientPods / InsufficientPods). */
export function disruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: number): Condition[] {
  const allowed = status.disruptionsAllowed > 0;
  return setCondition(
    status.conditions,
    { type: "DisruptionAllowed", status: allowed ? "True" : "False", reason: allowed ? "SufficientPods" : "InsufficientPods", message: "", observedGeneration: status.observedGeneration },
    now,
  );
}

export interface Counts {
  currentHealthy: number;
  desiredHealthy: number;
  expectedCount: number;
  disrupted: Record<string, string>;
}

/** The budget's new status, or undefined when the stored one is already right. */
export function budgetStatus(pdb: PodDisruptionBudget, c: Counts, now: number): PodDisruptionBudgetStatus | undefined {
  const disruptionsAllowed = c.expectedCount <= 0 ? 0 : Math.max(0, c.currentHealthy - c.desiredHealthy);
  const generation = pdb.metadata?.generation ?? 0;
  const next: PodDisruptionBudgetStatus = {
    currentHealthy: c.currentHealthy,
    desiredHealthy: c.desiredHealthy,
    expectedPods: c.expectedCount,
    disruptionsAllowed,
    ...(Object.keys(c.disrupted).length ? { disruptedPods: c.disrupted } : {}),
    observedGeneration: generation,
    conditions: pdb.status?.conditions ?? [],
  };
  const old = pdb.status;
  if (
    old &&
    old.currentHealthy === next.currentHealthy &&
    old.desiredHealthy === next.desiredHealthy &&
    old.expectedPods === next.expectedPods &&
    old.disruptionsAllowed === next.disruptionsAllowed &&
    old.observedGeneration === generation &&
    sameTimes(old.disruptedPods ?? {}, c.disrupted) &&
    conditionUpToDate(old)
  ) {
    return undefined;
  }
  next.conditions = disruptionAllowedCondition(next, now);
  return next;
}

function sameTimes(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Date.parse(a[k]) === Date.parse(b[k]));
}

/** Upstream's ConditionsAreUpToDate, also requiring the reason to be the computed one. */
function conditionUpToDate(status: PodDisruptionBudgetStatus): boolean {
  const c = status.conditions?.find((x) => x.type === "DisruptionAllowed");
  const allowed = status.disruptionsAllowed > 0;
  return !!c && c.status === (allowed ? "True" : "False") && c.reason === (allowed ? "SufficientPods" : "InsufficientPods") && c.observedGeneration === status.observedGeneration;
}

/** The status that stops evictions when the budget cannot be computed (upstream's failSafe). */
export function failSafeStatus(pdb: PodDisruptionBudget, message: string, now: number): PodDisruptionBudgetStatus {
  const old = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 };
  const conditions = setCondition(old.conditions, { type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message, observedGeneration: old.observedGeneration }, now);
  return { ...old, disruptionsAllowed: 0, conditions };
}
