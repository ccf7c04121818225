// maxSurge / maxUnavailable: ints or "N%" of the desired replicas; surge rounds up,
// unavailable rounds down, and when both resolve to 0 maxUnavailable becomes 1 (upstream's
// ResolveFenceposts), so a rollout can always move.
import type { DeploymentObject } from "../../replicaset/types.ts";

export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}`);
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRollingUpdate = (d: DeploymentObject) => (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
export const desiredReplicas = (d: DeploymentObject) => d.spec?.replicas ?? 1;

function fenceposts(d: DeploymentObject) {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, desiredReplicas(d));
}

export function maxSurge(d: DeploymentObject): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: DeploymentObject): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}
