// The core kinds several controllers watch: their API resources and their cached object types.
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../api/object.ts";
import type { ApiResource } from "../client/index.ts";

export const PODS: ApiResource = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
export const NODES: ApiResource = { group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false };

export type PodObject = StoredObject & Pod;
export type NodeObject = StoredObject & Node;
