// The API resources the node side reads and writes.
import type { ApiResource } from "../shared/client/index.ts";

export const PODS: ApiResource = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
export const NODES: ApiResource = { group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false };
export const LEASES: ApiResource = { group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true };

/** Where node leases live. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";
