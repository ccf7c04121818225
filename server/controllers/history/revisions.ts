// ControllerRevisions, shared by DaemonSets and StatefulSets (upstream's controller/history): each
// revision stores a patch that restores the owner's pod template, numbered in order. Creating one
// names it `<owner>-<hash>`; a name taken by different data bumps the collision count and tries
// the next hash. Old revisions no pod uses are pruned down to revisionHistoryLimit.
import type { ControllerRevision } from "kubernetes-types/apps/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isNotFound, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { controllerRef, isControlledBy } from "../../../shared/controller/pod-state.ts";
import { canonicalJson } from "./hash.ts";

export const CONTROLLER_REVISIONS: ApiResource = { group: "apps", version: "v1", plural: "controllerrevisions", kind: "ControllerRevision", namespaced: true };

export type Revision = StoredObject & ControllerRevision;

interface TemplateOwner extends StoredObject {
  spec?: { template?: PodTemplateSpec };
}

/** The data a revision stores: a strategic merge patch replacing spec.template. */
export function templatePatch(owner: TemplateOwner): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: "replace" } } };
}

/** The pod template a revision restores. */
export function templateOf(rev: ControllerRevision): PodTemplateSpec {
  const t = { ...((rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) };
  delete t.$patch;
  return structuredClone(t) as PodTemplateSpec;
}

export const equalData = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Revisions controlled by `owner`, oldest (lowest revision) first. */
export function ownedRevisions(all: readonly Revision[], owner: StoredObject): Revision[] {
  return all
    .filter((r) => r.metadata.namespace === owner.metadata.namespace && isControlledBy(r, owner))
    .sort((a, b) => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1));
}

export const nextRevisionNumber = (sorted: readonly Revision[]) => (sorted.length ? sorted[sorted.length - 1]!.revision + 1 : 1);

/** Upstream's ControllerRevisionName: the owner's name (at most 223 characters), a dash, the hash. */
export const revisionName = (owner: string, hash: string) => `${owner.slice(0, 223)}-${hash}`;

export interface NewRevision {
  owner: StoredObject;
  data: unknown;
  revision: number;
  labels: Record<string, string>;
  /** The hash for a collision count (the name is `<owner>-<hash>`). */
  hash(collisionCount: number): string;
  /** Label key that carries the hash on the revision, e.g. `controller-revision-hash`. */
  hashLabel: string;
  collisionCount: number;
  fieldManager: string;
}

/** Create a revision; returns it with the collision count that named it. */
export async function createRevision(client: Client, n: NewRevision): Promise<{ revision: Revision; collisionCount: number }> {
  let collisionCount = n.collisionCount;
  for (let attempt = 0; attempt < 100; attempt++) {
    const hash = n.hash(collisionCount);
    const name = revisionName(n.owner.metadata.name, hash);
    const body: ControllerRevision = {
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: { name, namespace: n.owner.metadata.namespace, labels: { ...n.labels, [n.hashLabel]: hash }, ownerReferences: [controllerRef(n.owner)] },
      data: n.data as ControllerRevision["data"],
      revision: n.revision,
    };
    try {
      const created = await client.create<Revision>(CONTROLLER_REVISIONS, body as unknown as KubeObject, { fieldManager: n.fieldManager });
      return { revision: created, collisionCount };
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    const existing = await client.get<Revision>(CONTROLLER_REVISIONS, name, { namespace: n.owner.metadata.namespace });
    if (equalData(existing.data, n.data) && isControlledBy(existing, n.owner)) return { revision: existing, collisionCount };
    collisionCount++;
  }
  throw new Error(`controllerrevisions for ${n.owner.metadata.namespace}/${n.owner.metadata.name}: no free name after 100 collisions`);
}

/** Give an existing revision a new number (a rollback to it makes it the newest). */
export function renumber(client: Client, rev: Revision, revision: number, fieldManager: string): Promise<Revision> {
  return client.patch<Revision>(CONTROLLER_REVISIONS, rev.metadata.name, { revision, metadata: { resourceVersion: rev.metadata.resourceVersion } }, { type: "merge", namespace: rev.metadata.namespace, fieldManager });
}

/**
 * Delete the oldest revisions not in `live` until at most `limit` non-live ones remain.
 * `sorted` is oldest first.
 */
export async function pruneRevisions(client: Client, sorted: readonly Revision[], live: ReadonlySet<string>, limit: number): Promise<string[]> {
  const old = sorted.filter((r) => !live.has(r.metadata.name));
  const doomed = old.slice(0, Math.max(0, old.length - limit));
  for (const r of doomed) {
    await client
      .delete(CONTROLLER_REVISIONS, r.metadata.name, { namespace: r.metadata.namespace, preconditions: { uid: r.metadata.uid } })
      .catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
  }
  return doomed.map((r) => r.metadata.name);
}
