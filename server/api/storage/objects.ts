// Typed object access on top of a storage Backend: JSON (de)coding, resourceVersion from the
// store revision, and compare-and-swap updates. Kubernetes semantics live in the handlers.
import type { Backend, KeyValue, WatchEvent } from "../../store/types.ts";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ResourceType } from "../registry/types.ts";
import { collectionPrefix, objectKey } from "./keys.ts";

export interface Versioned {
  obj: StoredObject;
  modRevision: number;
}

export function decodeKv(kv: KeyValue): StoredObject {
  const obj = JSON.parse(kv.value) as StoredObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

// The stored text as encodeObject writes it: apiVersion and kind (plain strings), then metadata.
const HEAD = /^\{"apiVersion":"[^"\\]*","kind":"[^"\\]*","metadata":\{/;

/**
 * The object's JSON text with its resourceVersion, without parsing it: the revision goes first
 * in metadata. Undefined when the text does not start the way encodeObject writes objects.
 */
export function kvJson(kv: KeyValue): string | undefined {
  const m = HEAD.exec(kv.value);
  if (!m) return undefined;
  const at = m[0].length;
  const sep = kv.value[at] === "}" ? "" : ",";
  return `${kv.value.slice(0, at)}"resourceVersion":"${kv.modRevision}"${sep}${kv.value.slice(at)}`;
}

const shared = new WeakMap<KeyValue, StoredObject>();

/** Decode once per stored value for all watchers of one event. The result must not be mutated. */
export function decodeKvShared(kv: KeyValue): StoredObject {
  let obj = shared.get(kv);
  if (!obj) shared.set(kv, (obj = decodeKv(kv)));
  return obj;
}

/**
 * The stored text never holds resourceVersion: the revision is the version. apiVersion, kind
 * and metadata come first, so kvJson can set the version into the text.
 */
export function encodeObject(obj: StoredObject): string {
  const { resourceVersion: _rv, ...meta } = obj.metadata;
  const { apiVersion, kind, metadata: _m, ...rest } = obj;
  return JSON.stringify({ apiVersion, kind, metadata: meta, ...rest });
}

export class ObjectStore {
  constructor(readonly backend: Backend) {}

  async get(rt: ResourceType, namespace: string | undefined, name: string): Promise<Versioned | undefined> {
    const kv = await this.backend.get(objectKey(rt, namespace, name));
    return kv && { obj: decodeKv(kv), modRevision: kv.modRevision };
  }

  async create(rt: ResourceType, obj: StoredObject): Promise<StoredObject | undefined> {
    const r = await this.backend.create(objectKey(rt, obj.metadata.namespace, obj.metadata.name), encodeObject(obj));
    return r.ok ? decodeKv(r.kv) : undefined;
  }

  /** CAS write; undefined when the stored revision moved on (or the object is gone). */
  async update(rt: ResourceType, obj: StoredObject, expected: number): Promise<StoredObject | undefined> {
    const r = await this.backend.update(objectKey(rt, obj.metadata.namespace, obj.metadata.name), encodeObject(obj), expected);
    return r.ok ? decodeKv(r.kv) : undefined;
  }

  async delete(rt: ResourceType, namespace: string | undefined, name: string, expected?: number): Promise<StoredObject | undefined> {
    const r = await this.backend.delete(objectKey(rt, namespace, name), expected);
    return r.ok ? decodeKv(r.kv) : undefined;
  }

  prefix(rt: ResourceType, namespace?: string): string {
    return collectionPrefix(rt, namespace);
  }
}

export type { WatchEvent };
