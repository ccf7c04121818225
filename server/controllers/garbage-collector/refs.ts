// What the garbage collector reads from an object's metadata: owner references, the deletion
// finalizers, and which references block their owner's foreground deletion.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";

export const FOREGROUND = "foregroundDeletion";
export const ORPHAN = "orphan";

export function ownerRefs(obj: StoredObject): OwnerReference[] {
  return (obj.metadata.ownerReferences ?? []) as OwnerReference[];
}

export function hasFinalizer(obj: StoredObject, f: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(f);
}

export const beingDeleted = (obj: StoredObject) => !!obj.metadata.deletionTimestamp;

/** Being deleted in the foreground: waiting for its blocking dependents to go first. */
export const deletingDependents = (obj: StoredObject) => beingDeleted(obj) && hasFinalizer(obj, FOREGROUND);

/** Being deleted with propagationPolicy Orphan: its dependents must be let go first. */
export const orphaningDependents = (obj: StoredObject) => beingDeleted(obj) && hasFinalizer(obj, ORPHAN);

/** True when `dependent` holds a blockOwnerDeletion reference to the owner `ownerUid`. */
export function blocksOwner(dependent: StoredObject, ownerUid: string): boolean {
  return ownerRefs(dependent).some((r) => r.uid === ownerUid && r.blockOwnerDeletion === true);
}

/** The group of an apiVersion ("apps/v1" → "apps", "v1" → ""). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf("/");
  return i < 0 ? "" : apiVersion.slice(0, i);
}

/** The propagation policy to delete a dependent with, from the finalizers it already carries. */
export function policyFor(obj: StoredObject): "Orphan" | "Foreground" | "Background" {
  if (hasFinalizer(obj, ORPHAN)) return "Orphan";
  if (hasFinalizer(obj, FOREGROUND)) return "Foreground";
  return "Background";
}
