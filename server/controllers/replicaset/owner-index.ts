// Objects of one type grouped by their controller's uid, and orphans (no controller) grouped by
// namespace, kept current from informer events. A controller finds what it owns and what it may
// adopt without scanning every object of the type. One index per informer, shared.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { Informer } from "../../../shared/controller/index.ts";
import { controllerOf, keyOfObj } from "./types.ts";

export class ControllerIndex<T extends StoredObject> {
  private byController = new Map<string, Map<string, T>>();
  private orphans = new Map<string, Map<string, T>>();
  private placeOf = new Map<string, { groups: Map<string, Map<string, T>>; id: string; bucket: Map<string, T> }>();

  upsert(obj: T) {
    const key = keyOfObj(obj);
    this.remove(obj);
    const ref = controllerOf(obj);
    const [groups, id] = ref?.uid ? [this.byController, ref.uid] : [this.orphans, obj.metadata.namespace ?? ""];
    let bucket = groups.get(id);
    if (!bucket) groups.set(id, (bucket = new Map()));
    bucket.set(key, obj);
    this.placeOf.set(key, { groups, id, bucket });
  }

  remove(obj: T) {
    const key = keyOfObj(obj);
    const place = this.placeOf.get(key);
    if (!place) return;
    place.bucket.delete(key);
    this.placeOf.delete(key);
    if (place.bucket.size === 0) place.groups.delete(place.id);
  }

  /** Objects whose controller has this uid. */
  owned(uid: string): T[] {
    return [...(this.byController.get(uid)?.values() ?? [])];
  }

  /** Objects without a controller in a namespace. */
  orphansIn(namespace: string): T[] {
    return [...(this.orphans.get(namespace)?.values() ?? [])];
  }
}

/** The apps/* `kind` a controller reference names, if it is the one cached (same uid). */
export function cachedController<T extends StoredObject>(cache: { get(key: string): T | undefined }, kind: string, namespace: string | undefined, ref: OwnerReference | undefined): T | undefined {
  if (!ref || ref.kind !== kind || !ref.apiVersion?.startsWith("apps/")) return undefined;
  const obj = cache.get(`${namespace}/${ref.name}`);
  return obj?.metadata.uid === ref.uid ? obj : undefined;
}

const indexes = new WeakMap<Informer<StoredObject>, ControllerIndex<StoredObject>>();

/** The index of an informer's objects, created (and subscribed) on first use. */
export function controllerIndex<T extends StoredObject>(informer: Informer<T>): ControllerIndex<T> {
  const inf = informer as unknown as Informer<StoredObject>;
  let index = indexes.get(inf);
  if (!index) {
    const idx = new ControllerIndex<StoredObject>();
    inf.on({ add: (o) => idx.upsert(o), update: (_old, o) => idx.upsert(o), delete: (o) => idx.remove(o) });
    indexes.set(inf, idx);
    index = idx;
  }
  return index as unknown as ControllerIndex<T>;
}
