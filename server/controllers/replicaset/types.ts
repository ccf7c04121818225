// The kinds the workload controllers read and write, as cached objects (frozen, with metadata).
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource } from "../../../shared/client/index.ts";

export type ReplicaSetObject = StoredObject & ReplicaSet;
export type DeploymentObject = StoredObject & Deployment;

export { PODS, type PodObject } from "../../../shared/controller/kinds.ts";
export const REPLICASETS: ApiResource = { group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true };
export const DEPLOYMENTS: ApiResource = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };

export { controllerOf, controllerRef } from "../../../shared/controller/pod-state.ts";

/** The cache key ("namespace/name") of an object. */
export const keyOfObj = (o: StoredObject) => `${o.metadata.namespace}/${o.metadata.name}`;
