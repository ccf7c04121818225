// What the node lifecycle controllers read and write, and the well-known taint keys they manage
// (upstream's v1.TaintNode* constants).
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource } from "../../../shared/client/index.ts";

export { NODES, PODS, type NodeObject, type PodObject } from "../../../shared/controller/kinds.ts";
export const LEASES: ApiResource = { group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true };

/** Where kubelets (agents) renew their heartbeat Lease, named after the node. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

export type LeaseObject = StoredObject & Lease;

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const readyCondition = (node: Node) => node.status?.conditions?.find((c) => c.type === "Ready");

export const podKey = (pod: Pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`;
