// A DaemonSet's ControllerRevisions (upstream's constructHistory / cleanupHistory): the revision
// matching the current template (created if missing, renumbered to the newest when the template
// rolled back to it, duplicates removed), its hash for the controller-revision-hash label, and
// old revisions no pod uses pruned beyond revisionHistoryLimit.
import { isNotFound } from "../../../shared/client/index.ts";
import { computeHash } from "../history/hash.ts";
import { CONTROLLER_REVISIONS, createRevision, equalData, ownedRevisions, renumber, templatePatch, type Revision } from "../history/revisions.ts";
import { FIELD_MANAGER, HASH_LABEL, type DaemonSetDeps, type DaemonSetObject, type PodObject } from "./types.ts";

export interface DaemonSetHistory {
  current: Revision;
  old: Revision[];
  hash: string;
  /** Collision count after creating the current revision (written to status). */
  collisionCount?: number;
}

export async function constructHistory(d: DaemonSetDeps, ds: DaemonSetObject): Promise<DaemonSetHistory> {
  const owned = ownedRevisions(d.revisions.list(), ds);
  const data = templatePatch(ds);
  const matching = owned.filter((r) => equalData(r.data, data));
  const old = owned.filter((r) => !matching.includes(r));
  const next = Math.max(0, ...old.map((r) => r.revision)) + 1;
  let collisionCount = ds.status?.collisionCount;
  let current: Revision;
  if (!matching.length) {
    const template = ds.spec!.template;
    const created = await createRevision(d.client, {
      owner: ds,
      data,
      revision: next,
      labels: { ...template.metadata?.labels },
      hash: (c) => computeHash(template, c === 0 && collisionCount == null ? undefined : c),
      hashLabel: HASH_LABEL,
      collisionCount: collisionCount ?? 0,
      fieldManager: FIELD_MANAGER,
    });
    current = created.revision;
    if (created.collisionCount !== (collisionCount ?? 0)) collisionCount = created.collisionCount;
  } else {
    current = matching.reduce((a, b) => (b.revision >= a.revision ? b : a));
    for (const dup of matching) {
      if (dup === current) continue;
      await d.client.delete(CONTROLLER_REVISIONS, dup.metadata.name, { namespace: dup.metadata.namespace }).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
    }
    if (current.revision < next) current = await renumber(d.client, current, next, FIELD_MANAGER);
  }
  return { current, old, hash: current.metadata.labels?.[HASH_LABEL] ?? "", collisionCount };
}

/** Delete the oldest old revisions whose hash no pod carries, while more than the limit remain. */
export async function cleanupHistory(d: DaemonSetDeps, ds: DaemonSetObject, old: readonly Revision[], pods: readonly PodObject[]) {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const live = new Set(pods.map((p) => p.metadata.labels?.[HASH_LABEL]).filter(Boolean));
  for (const r of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (live.has(r.metadata.labels?.[HASH_LABEL])) continue;
    await d.client
      .delete(CONTROLLER_REVISIONS, r.metadata.name, { namespace: r.metadata.namespace, preconditions: { uid: r.metadata.uid } })
      .catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
    toKill--;
  }
}
