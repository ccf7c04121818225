// The kinds the workload controllers read and write, as cached objects (frozen, with metadata).
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource } from "../../../shared/client/index.ts";

export type PodObject = StoredObject & Pod;
export type ReplicaSetObject = StoredObject & ReplicaSet;
export type DeploymentObject = StoredObject & Deployment;

export const PODS: ApiResource = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
export const REPLICASETS: ApiResource = { group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true };
export const DEPLOYMENTS: ApiResource = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };

/** The ownerReference with controller: true, if any. */
export function controllerRef(obj: StoredObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences as OwnerReference[] | undefined)?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: the reference a controller puts on what it creates or adopts. */
export function newControllerRef(owner: StoredObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** The cache key ("namespace/name") of an object. */
export const keyOfObj = (o: StoredObject) => `${o.metadata.namespace}/${o.metadata.name}`;
