// Read-modify-write with compare-and-swap: the shared core of PUT, PATCH, /status and /scale.
// A no-op write stores nothing; an object being deleted is removed once its finalizers are gone.
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { holdServiceAddresses, releaseServiceAddresses } from "../allocators/index.ts";
import type { RequestInfo } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";
import { encodeObject } from "../storage/objects.ts";

export interface UpdateResult {
  obj: StoredObject;
  created: boolean;
}

export interface UpdateSpec {
  rt: ResourceType;
  namespace?: string;
  name: string;
  dryRun: boolean;
  /** Return the new object. `current` is a private copy; undefined when missing. */
  mutate(current: StoredObject | undefined): Promise<KubeObject> | KubeObject;
  /** The resourceVersion the client required (PUT body, or one its patch sets): a mismatch, or a
   * concurrent write, is a 409. Without one the write is retried on the newest version. */
  precondition?: string;
  /** Called when the object is missing and mutate produced an object to create. */
  create?(obj: KubeObject): Promise<StoredObject>;
}

const MAX_RETRIES = 20;

/** Finalizers keep an object being deleted; a namespace's spec.finalizers count too (upstream). */
function held(rt: ResourceType, obj: KubeObject): boolean {
  if (obj.metadata?.finalizers?.length) return true;
  // A pod deleted gracefully stays until its node's agent confirms with a zero-grace delete.
  if (rt.group === "" && rt.kind === "Pod" && (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0) return true;
  return rt.group === "" && rt.kind === "Namespace" && !!(obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length;
}
const ref = (rt: ResourceType) => ({ group: rt.group, resource: rt.plural });

export async function updateObject(info: RequestInfo, spec: UpdateSpec): Promise<UpdateResult> {
  const { rt, namespace, name } = spec;
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const current = await info.ctx.store.get(rt, namespace, name);
    if (!current) {
      if (!spec.create) throw errors.notFound(ref(rt), name);
      const obj = await spec.mutate(undefined);
      return { obj: await spec.create(obj), created: true };
    }
    const wantedRv = spec.precondition;
    if (wantedRv && wantedRv !== current.obj.metadata.resourceVersion) throw errors.conflict(ref(rt), name);
    const next = (await spec.mutate(structuredClone(current.obj))) as StoredObject;
    next.metadata.resourceVersion = current.obj.metadata.resourceVersion;
    const addresses = holdServiceAddresses(info.ctx, rt, next, current.obj);
    if (encodeObject(next) === encodeObject(current.obj)) return addresses.release(), { obj: current.obj, created: false };
    if (spec.dryRun) return addresses.release(), { obj: next, created: false };
    const finished = next.metadata.deletionTimestamp && !held(rt, next);
    const stored = finished
      ? await info.ctx.store.delete(rt, namespace, name, current.modRevision)
      : await addresses.settle(info.ctx.store.update(rt, next, current.modRevision));
    if (finished && stored) releaseServiceAddresses(info.ctx, rt, stored);
    if (stored) return { obj: finished ? { ...next, metadata: { ...next.metadata, resourceVersion: stored.metadata.resourceVersion } } : stored, created: false };
    if (wantedRv) throw errors.conflict(ref(rt), name);
  }
  throw errors.conflict(ref(rt), name, "too many concurrent writes, please try again");
}
