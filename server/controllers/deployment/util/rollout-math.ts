// The numbers a rollout moves by (upstream's deployment util): how big the new ReplicaSet may
// grow, whether it is saturated, a ReplicaSet's share of a scaling event, and whether the
// rollout is complete, progressing or past its deadline.
import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import type { DeploymentObject, ReplicaSetObject } from "../../replicaset/types.ts";
import { ANNOTATION } from "../history.ts";
import { getCondition, REASON } from "./conditions.ts";
import { desiredReplicas, maxSurge } from "./intstr.ts";
import { replicaCount, specReplicas } from "./replicasets.ts";

/** The new ReplicaSet's size: for RollingUpdate as far as maxSurge allows, for Recreate all of it. */
export function newRSNewReplicas(d: DeploymentObject, allRSs: ReplicaSetObject[], newRS: ReplicaSetObject): number {
  const want = desiredReplicas(d);
  const type = d.spec?.strategy?.type ?? "RollingUpdate";
  if (type === "Recreate") return want;
  if (type !== "RollingUpdate") throw new Error(`deployment type ${type} isn't supported`);
  const maxTotal = want + maxSurge(d);
  const current = replicaCount(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, want - specReplicas(newRS));
}

function intAnnotation(rs: ReplicaSetObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export const desiredReplicasAnnotation = (rs: ReplicaSetObject) => intAnnotation(rs, ANNOTATION.desiredReplicas);

/** The new ReplicaSet owns all desired replicas, believes so, and all are available. */
export function isSaturated(d: DeploymentObject, rs: ReplicaSetObject | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  const want = desiredReplicas(d);
  return desired !== undefined && specReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** How many of `toAdd` (negative: remove) this ReplicaSet takes, by its share of max-replicas. */
export function getProportion(rs: ReplicaSetObject, d: DeploymentObject, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: ReplicaSetObject, d: DeploymentObject): number {
  const want = desiredReplicas(d);
  if (want === 0) return -specReplicas(rs);
  const deploymentMax = want + maxSurge(d);
  const annotated = intAnnotation(rs, ANNOTATION.maxReplicas) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return Math.round((specReplicas(rs) * deploymentMax) / annotated) - specReplicas(rs);
}

/** All desired replicas updated and available, nothing old left, and the generation observed. */
export function deploymentComplete(d: DeploymentObject, s: DeploymentStatus): boolean {
  const want = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** New pods scaled up or became ready/available, or old ones went away, since `d.status`. */
export function deploymentProgressing(d: DeploymentObject, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

export const MAX_INT32 = 2 ** 31 - 1;
export const hasProgressDeadline = (d: DeploymentObject) => d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32;
export const hasRevisionHistoryLimit = (d: DeploymentObject) => d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32;

/** No progress reported for progressDeadlineSeconds (or already timed out). */
export function deploymentTimedOut(d: DeploymentObject, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, "Progressing");
  if (!c) return false;
  if (c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  const from = c.lastUpdateTime ? Date.parse(c.lastUpdateTime) : NaN;
  return Number.isFinite(from) && from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}
