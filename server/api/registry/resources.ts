// The built-in resource kinds kubun serves: one row each. Behaviour comes from the kind's
// strategy (server/api/strategy), Table columns from server/api/table, schemas from openapi.
import type { ResourceType, ScaleSubresource } from "./types.ts";

type Row = Omit<ResourceType, "strategy" | "version"> & { version?: string };

const replicasScale: ScaleSubresource = {
  specReplicasPath: "spec.replicas",
  statusReplicasPath: "status.replicas",
  labelSelectorPath: "spec.selector",
};

const core = (r: Omit<Row, "group">): Row => ({ group: "", version: "v1", ...r });

export const builtinRows: Row[] = [
  core({ kind: "Namespace", plural: "namespaces", singular: "namespace", namespaced: false, shortNames: ["ns"], status: true, smpType: "Namespace", extraSubresources: ["finalize"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] }),
  core({ kind: "Pod", plural: "pods", singular: "pod", namespaced: true, shortNames: ["po"], categories: ["all"], status: true, smpType: "Pod", extraSubresources: ["binding", "eviction", "log", "exec", "attach", "portforward"] }),
  core({ kind: "Service", plural: "services", singular: "service", namespaced: true, shortNames: ["svc"], categories: ["all"], status: true, smpType: "Service", verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] }),
  core({ kind: "Endpoints", plural: "endpoints", singular: "endpoints", namespaced: true, shortNames: ["ep"], smpType: "Endpoints" }),
  core({ kind: "Event", plural: "events", singular: "event", namespaced: true, shortNames: ["ev"], smpType: "Event" }),
  core({ kind: "ConfigMap", plural: "configmaps", singular: "configmap", namespaced: true, shortNames: ["cm"], smpType: "ConfigMap" }),
  core({ kind: "Secret", plural: "secrets", singular: "secret", namespaced: true, smpType: "Secret" }),
  core({ kind: "ServiceAccount", plural: "serviceaccounts", singular: "serviceaccount", namespaced: true, shortNames: ["sa"], smpType: "ServiceAccount", extraSubresources: ["token"] }),
  core({ kind: "Node", plural: "nodes", singular: "node", namespaced: false, shortNames: ["no"], status: true, smpType: "Node" }),
  core({ kind: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume", namespaced: false, shortNames: ["pv"], status: true, smpType: "PersistentVolume" }),
  core({ kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", namespaced: true, shortNames: ["pvc"], status: true, smpType: "PersistentVolumeClaim" }),
  core({ kind: "ResourceQuota", plural: "resourcequotas", singular: "resourcequota", namespaced: true, shortNames: ["quota"], status: true, smpType: "ResourceQuota" }),
  core({ kind: "LimitRange", plural: "limitranges", singular: "limitrange", namespaced: true, shortNames: ["limits"], smpType: "LimitRange" }),
  { group: "apps", kind: "Deployment", plural: "deployments", singular: "deployment", namespaced: true, shortNames: ["deploy"], categories: ["all"], status: true, scale: replicasScale, smpType: "Deployment" },
  { group: "apps", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", namespaced: true, shortNames: ["rs"], categories: ["all"], status: true, scale: replicasScale, smpType: "ReplicaSet" },
  { group: "apps", kind: "StatefulSet", plural: "statefulsets", singular: "statefulset", namespaced: true, shortNames: ["sts"], categories: ["all"], status: true, scale: replicasScale, smpType: "StatefulSet" },
  { group: "apps", kind: "DaemonSet", plural: "daemonsets", singular: "daemonset", namespaced: true, shortNames: ["ds"], categories: ["all"], status: true, smpType: "DaemonSet" },
  { group: "apps", kind: "ControllerRevision", plural: "controllerrevisions", singular: "controllerrevision", namespaced: true, smpType: "ControllerRevision" },
  { group: "batch", kind: "Job", plural: "jobs", singular: "job", namespaced: true, categories: ["all"], status: true, smpType: "Job" },
  { group: "batch", kind: "CronJob", plural: "cronjobs", singular: "cronjob", namespaced: true, shortNames: ["cj"], categories: ["all"], status: true, smpType: "CronJob" },
  { group: "discovery.k8s.io", kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", namespaced: true, smpType: "EndpointSlice" },
  { group: "coordination.k8s.io", kind: "Lease", plural: "leases", singular: "lease", namespaced: true, smpType: "Lease" },
  { group: "events.k8s.io", kind: "Event", plural: "events", singular: "event", namespaced: true, shortNames: ["ev"], smpType: "Event" },
  { group: "networking.k8s.io", kind: "Ingress", plural: "ingresses", singular: "ingress", namespaced: true, shortNames: ["ing"], status: true, smpType: "Ingress" },
  { group: "networking.k8s.io", kind: "IngressClass", plural: "ingressclasses", singular: "ingressclass", namespaced: false, smpType: "IngressClass" },
  { group: "networking.k8s.io", kind: "NetworkPolicy", plural: "networkpolicies", singular: "networkpolicy", namespaced: true, shortNames: ["netpol"], smpType: "NetworkPolicy" },
  { group: "policy", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", singular: "poddisruptionbudget", namespaced: true, shortNames: ["pdb"], status: true, smpType: "PodDisruptionBudget" },
  { group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler", namespaced: true, shortNames: ["hpa"], categories: ["all"], status: true, smpType: "HorizontalPodAutoscaler" },
  { group: "storage.k8s.io", kind: "StorageClass", plural: "storageclasses", singular: "storageclass", namespaced: false, shortNames: ["sc"], smpType: "StorageClass" },
  { group: "rbac.authorization.k8s.io", kind: "Role", plural: "roles", singular: "role", namespaced: true, smpType: "Role" },
  { group: "rbac.authorization.k8s.io", kind: "RoleBinding", plural: "rolebindings", singular: "rolebinding", namespaced: true, smpType: "RoleBinding" },
  { group: "rbac.authorization.k8s.io", kind: "ClusterRole", plural: "clusterroles", singular: "clusterrole", namespaced: false, smpType: "ClusterRole" },
  { group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", plural: "clusterrolebindings", singular: "clusterrolebinding", namespaced: false, smpType: "ClusterRoleBinding" },
  { group: "authentication.k8s.io", kind: "SelfSubjectReview", plural: "selfsubjectreviews", singular: "selfsubjectreview", namespaced: false, verbs: ["create"] },
  { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", singular: "customresourcedefinition", namespaced: false, shortNames: ["crd", "crds"], status: true, smpType: "CustomResourceDefinition" },
];
