// Server-owned metadata on create and update: names, uid, timestamps, generation, and the
// fields a client may not change.
import { customAlphabet } from "nanoid";
import { cause, errors, type StatusCause } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { apiVersionOf, type ResourceType } from "../registry/types.ts";
import { checkObjectTypes } from "../request/body.ts";

const suffix = customAlphabet("bcdfghjklmnpqrstvwxz2456789", 5);

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The object's kind and apiVersion must match the URL; absent ones are filled in. */
export function checkTypeMeta(rt: ResourceType, body: KubeObject, what = "object") {
  checkObjectTypes(body); // again: a patch may have changed the types
  const want = apiVersionOf(rt);
  if (body.kind !== undefined && body.kind !== rt.kind) {
    throw errors.badRequest(`${what} kind "${body.kind}" does not match the expected kind "${rt.kind}" (${want})`);
  }
  if (body.apiVersion !== undefined && body.apiVersion !== want) {
    throw errors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${want})`);
  }
  body.kind = rt.kind;
  body.apiVersion = want;
}

export function checkNamespace(rt: ResourceType, body: KubeObject, namespace: string | undefined) {
  const meta = (body.metadata ??= {});
  if (rt.namespaced) {
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      throw errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.namespace = namespace;
  } else if (meta.namespace) {
    delete meta.namespace;
  }
}

/** Fill server-owned metadata for a new object. The name may come from generateName. */
export function initCreate(rt: ResourceType, body: KubeObject, now: Date): StoredObject {
  const meta = (body.metadata ??= {});
  if (!meta.name && meta.generateName) meta.name = meta.generateName + suffix();
  meta.uid = crypto.randomUUID();
  meta.creationTimestamp = rfc3339(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (rt.strategy.hasGeneration) meta.generation = 1;
  else delete meta.generation;
  if (rt.status) resetStatus(rt, body);
  return body as StoredObject;
}

function resetStatus(rt: ResourceType, body: KubeObject) {
  if (rt.group === "" && rt.kind === "Pod") body.status = { phase: "Pending" };
  else if (rt.group === "" && rt.kind === "Namespace") body.status = { phase: "Active" };
  else if (rt.group === "" && (rt.kind === "Service" || rt.kind === "Node")) return; // clients may set these
  else delete body.status;
}

const specOf = (o: KubeObject) => {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return JSON.stringify(rest);
};

/** A uid in the body is a precondition: it must be the stored object's (upstream answers 409). */
export function checkUid(rt: ResourceType, body: KubeObject, old: StoredObject) {
  const uid = body.metadata?.uid;
  if (uid && uid !== old.metadata.uid) {
    throw errors.conflict({ group: rt.group, resource: rt.plural }, old.metadata.name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`);
  }
}

/** Carry server-owned metadata from the stored object into an update, bump generation. */
export function carryOverMeta(rt: ResourceType, next: KubeObject, old: StoredObject): StatusCause[] {
  const meta = (next.metadata ??= {});
  const o = old.metadata;
  const causes: StatusCause[] = [];
  checkUid(rt, next, old);
  if (meta.name !== undefined && meta.name !== o.name) causes.push(cause.invalid("metadata.name", meta.name, "field is immutable"));
  meta.name = o.name;
  if (rt.namespaced) meta.namespace = o.namespace;
  meta.uid = o.uid;
  meta.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) {
    meta.deletionTimestamp = o.deletionTimestamp;
    if (o.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
    const added = (meta.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (added.length) causes.push(cause.forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers " + JSON.stringify(added)));
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (!meta.generateName && o.generateName) meta.generateName = o.generateName;
  if (rt.strategy.hasGeneration) {
    const gen = o.generation ?? 1;
    meta.generation = specOf(next) !== specOf(old) ? gen + 1 : gen;
  } else delete meta.generation;
  if (rt.status) next.status = old.status;
  return causes;
}
