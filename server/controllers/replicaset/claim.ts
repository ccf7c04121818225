// Upstream's ControllerRefManager: a controller claims the objects it should manage. Objects it
// controls that no longer match its selector are released; orphans that match are adopted
// (after a live read confirms the controller still exists and is not being deleted). Objects
// controlled by someone else are left alone. Writes are conditional ownerReferences patches.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isNotFound, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { targetOf, updateOwnerReferences } from "../../../shared/controller/index.ts";
import type { Labels } from "../../../shared/selectors/index.ts";
import { controllerOf, controllerRef } from "./types.ts";

export interface ClaimOptions<T extends StoredObject> {
  client: Client;
  /** The controller, as cached. */
  owner: StoredObject;
  ownerResource: ApiResource;
  /** The type of the claimed objects. */
  resource: ApiResource;
  /** Objects the owner controls and orphans of its namespace (others are skipped anyway). */
  candidates: T[];
  matches(labels: Labels): boolean;
  fieldManager: string;
}

/** The candidates the owner now controls. Throws (after trying all) if any write failed. */
export async function claim<T extends StoredObject>(opts: ClaimOptions<T>): Promise<T[]> {
  const { owner } = opts;
  const uid = owner.metadata.uid;
  const claimed: T[] = [];
  const errors: string[] = [];
  let adoptable: Promise<void> | undefined;
  const canAdopt = () => (adoptable ??= checkOwnerLive(opts));
  for (const obj of opts.candidates) {
    const ref = controllerOf(obj);
    const match = opts.matches(obj.metadata.labels);
    try {
      if (ref) {
        if (ref.uid !== uid) continue;
        if (match) claimed.push(obj);
        else if (!owner.metadata.deletionTimestamp) await release(opts, obj);
        continue;
      }
      if (owner.metadata.deletionTimestamp || !match || obj.metadata.deletionTimestamp) continue;
      if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
      await canAdopt();
      if (await adopt(opts, obj)) claimed.push(obj);
    } catch (e) {
      if (isNotFound(e)) continue;
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (errors.length) throw new Error(`claiming ${opts.resource.plural} for ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name}: ${errors.join("; ")}`);
  return claimed;
}

async function checkOwnerLive(opts: ClaimOptions<StoredObject>) {
  const { owner } = opts;
  const fresh = await opts.client.get(opts.ownerResource, owner.metadata.name, { namespace: owner.metadata.namespace });
  if (fresh.metadata.uid !== owner.metadata.uid) {
    throw new Error(`original ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${owner.metadata.uid}`);
  }
  if (fresh.metadata.deletionTimestamp) {
    throw new Error(`${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }
}

/** Add the owner's controller reference unless the live object got a controller meanwhile. */
async function adopt(opts: ClaimOptions<StoredObject>, obj: StoredObject): Promise<boolean> {
  let adopted = false;
  const ours = controllerRef(opts.owner);
  const ok = await updateOwnerReferences(opts.client, targetOf(opts.resource, obj), opts.fieldManager, (refs: OwnerReference[]) => {
    const current = refs.find((r) => r.controller === true);
    adopted = !current || current.uid === ours.uid;
    if (current) return refs;
    return [...refs.filter((r) => r.uid !== ours.uid), ours];
  });
  return ok && adopted;
}

async function release(opts: ClaimOptions<StoredObject>, obj: StoredObject) {
  const uid = opts.owner.metadata.uid;
  await updateOwnerReferences(opts.client, targetOf(opts.resource, obj), opts.fieldManager, (refs) => refs.filter((r) => r.uid !== uid));
}
