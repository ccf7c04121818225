// Revision history on annotations, as upstream's deployment util and kubectl expect:
// every ReplicaSet carries deployment.kubernetes.io/revision; the new one gets max(old)+1 (so an
// old template that becomes current again gets a new, highest revision, its former ones kept in
// revision-history); the Deployment carries its new ReplicaSet's revision; the Deployment's
// other annotations (e.g. kubernetes.io/change-cause) are copied to its new ReplicaSet.
import type { ReplicaSetObject } from "../replicaset/types.ts";

export const ANNOTATION = {
  revision: "deployment.kubernetes.io/revision",
  revisionHistory: "deployment.kubernetes.io/revision-history",
  desiredReplicas: "deployment.kubernetes.io/desired-replicas",
  maxReplicas: "deployment.kubernetes.io/max-replicas",
  rollbackTo: "deprecated.deployment.rollback.to",
  lastApplied: "kubectl.kubernetes.io/last-applied-configuration",
} as const;

/** Never copied between a Deployment and its ReplicaSets (upstream's annotationsToSkip). */
const SKIPPED = new Set<string>([ANNOTATION.lastApplied, ANNOTATION.revision, ANNOTATION.revisionHistory, ANNOTATION.desiredReplicas, ANNOTATION.maxReplicas, ANNOTATION.rollbackTo]);

/** Upstream's maxRevHistoryLengthInChars. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

type Annotations = Record<string, string>;

/** The revision annotation as a number: 0 when absent, undefined when unparseable. */
export function revisionOf(obj: { metadata: { annotations?: Annotations } }): number | undefined {
  const v = obj.metadata.annotations?.[ANNOTATION.revision];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(list: ReplicaSetObject[]): number {
  return list.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

/** The second-highest revision (the one `undo` without --to-revision goes back to). */
export function lastRevision(list: ReplicaSetObject[]): number {
  let max = 0;
  let second = 0;
  for (const rs of list) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) [second, max] = [max, v];
    else if (v > second) second = v;
  }
  return second;
}

/** Copy the Deployment's annotations (except the skipped ones) onto `rs`; true if any changed. */
function copyDeploymentAnnotations(from: Annotations, to: Annotations): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(from)) {
    if (SKIPPED.has(k) || to[k] === v) continue;
    to[k] = v;
    changed = true;
  }
  return changed;
}

/** Set desired-replicas and max-replicas; true if either changed. */
export function setReplicasAnnotations(annotations: Annotations, desired: number, max: number): boolean {
  let changed = false;
  for (const [k, v] of [[ANNOTATION.desiredReplicas, String(desired)], [ANNOTATION.maxReplicas, String(max)]] as const) {
    if (annotations[k] !== v) {
      annotations[k] = v;
      changed = true;
    }
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSetObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[ANNOTATION.desiredReplicas] !== String(desired) || a[ANNOTATION.maxReplicas] !== String(max);
}

/**
 * Upstream's SetNewReplicaSetAnnotations on a mutable copy's annotations: copy the Deployment's,
 * raise the revision to `newRevision` if it is lower (remembering the old one in
 * revision-history), and for a ReplicaSet about to be created set the replicas annotations.
 */
export function setNewReplicaSetAnnotations(
  deploymentAnnotations: Annotations,
  rsAnnotations: Annotations,
  newRevision: number,
  opts: { exists: boolean; desired: number; max: number },
): boolean {
  let changed = copyDeploymentAnnotations(deploymentAnnotations, rsAnnotations);
  const oldRevision = rsAnnotations[ANNOTATION.revision];
  let oldInt = 0;
  if (oldRevision !== undefined && oldRevision !== "") {
    if (!/^-?\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (oldInt < newRevision) {
    rsAnnotations[ANNOTATION.revision] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) appendHistory(rsAnnotations, oldRevision);
  }
  if (!opts.exists && setReplicasAnnotations(rsAnnotations, opts.desired, opts.max)) changed = true;
  return changed;
}

function appendHistory(a: Annotations, oldRevision: string) {
  const history = a[ANNOTATION.revisionHistory] ?? "";
  if (history === "") {
    a[ANNOTATION.revisionHistory] = oldRevision;
    return;
  }
  const parts = history.split(",");
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < parts.length) total -= parts[start++]!.length + 1;
  if (total <= MAX_REVISION_HISTORY_CHARS) a[ANNOTATION.revisionHistory] = [...parts.slice(start), oldRevision].join(",");
}

/** On a rollback: keep the Deployment's skipped annotations, take every other one from the ReplicaSet. */
export function annotationsForRollback(deployment: Annotations, rs: Annotations): Annotations {
  const out: Annotations = {};
  for (const [k, v] of Object.entries(deployment)) if (SKIPPED.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(rs)) if (!SKIPPED.has(k)) out[k] = v;
  return out;
}
