// Reading a Deployment's ReplicaSets (upstream's deployment util): which one is new (same
// template, ignoring pod-template-hash), which are old, the sort orders, and the sums the
// strategies and the status are built from.
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { semanticEqual } from "../../../api/strategy/equality.ts";
import { creationTime } from "../../replicaset/pods.ts";
import type { DeploymentObject, ReplicaSetObject } from "../../replicaset/types.ts";
import { revisionOf } from "../history.ts";

export const HASH_LABEL = "pod-template-hash";

export const specReplicas = (rs: ReplicaSetObject) => rs.spec?.replicas ?? 1;

export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = structuredClone(t ?? {}) as PodTemplateSpec & { metadata?: { labels?: Record<string, string> } };
    if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
    return c;
  };
  return semanticEqual(strip(a), strip(b));
}

/** Oldest first; ties by name (upstream's ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSetObject, b: ReplicaSetObject): number {
  const [ta, tb] = [creationTime(a) ?? 0, creationTime(b) ?? 0];
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Larger first; equal sizes newer first (scaling up). */
export const bySizeNewer = (a: ReplicaSetObject, b: ReplicaSetObject) => specReplicas(b) - specReplicas(a) || byCreation(b, a);
/** Larger first; equal sizes older first (scaling down). */
export const bySizeOlder = (a: ReplicaSetObject, b: ReplicaSetObject) => specReplicas(b) - specReplicas(a) || byCreation(a, b);

/** Lowest revision first; unparseable or equal revisions by creation. */
export function byRevision(a: ReplicaSetObject, b: ReplicaSetObject): number {
  const [ra, rb] = [revisionOf(a), revisionOf(b)];
  if (ra === undefined || rb === undefined || ra === rb) return byCreation(a, b);
  return ra - rb;
}

/** The oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: DeploymentObject, rsList: ReplicaSetObject[]): ReplicaSetObject | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function findOldReplicaSets(d: DeploymentObject, rsList: ReplicaSetObject[]): ReplicaSetObject[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

export const filterActive = (list: (ReplicaSetObject | undefined)[]) => list.filter((rs): rs is ReplicaSetObject => !!rs && specReplicas(rs) > 0);

const sum = (list: (ReplicaSetObject | undefined)[], f: (rs: ReplicaSetObject) => number | undefined) => list.reduce((n, rs) => n + (rs ? (f(rs) ?? 0) : 0), 0);
export const replicaCount = (list: (ReplicaSetObject | undefined)[]) => sum(list, specReplicas);
export const actualReplicaCount = (list: (ReplicaSetObject | undefined)[]) => sum(list, (rs) => rs.status?.replicas);
export const readyReplicaCount = (list: (ReplicaSetObject | undefined)[]) => sum(list, (rs) => rs.status?.readyReplicas);
export const availableReplicaCount = (list: (ReplicaSetObject | undefined)[]) => sum(list, (rs) => rs.status?.availableReplicas);

/** The only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): ReplicaSetObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}
