// Schema data: storage.k8s.io/v1 and rbac.authorization.k8s.io/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.storage.v1",
    types: {
      StorageClass: {
        d: "A class of dynamically provisioned storage.",
        req: ["provisioner"],
        f: {
          allowVolumeExpansion: "boolean; Whether claims of this class may be resized.",
          allowedTopologies: "[]core.TopologySelectorTerm; Topologies volumes may be provisioned in.",
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          mountOptions: "[]string; Mount options for provisioned volumes.",
          parameters: "{}string; Provisioner-specific parameters.",
          provisioner: "string; Name of the provisioner, e.g. rancher.io/local-path.",
          reclaimPolicy: "string; Delete (default) or Retain for provisioned volumes.",
          volumeBindingMode: "string; Immediate (default) or WaitForFirstConsumer.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.api.rbac.v1",
    types: {
      Role: {
        d: "Namespaced permissions: a set of policy rules.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          rules: "[]PolicyRule; The permissions.",
        },
      },
      RoleBinding: {
        d: "Grants a role's permissions to subjects within a namespace.",
        req: ["roleRef"],
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          roleRef: "RoleRef; The Role or ClusterRole granted.",
          subjects: "[]Subject; Users, groups or service accounts granted the role.",
        },
      },
      ClusterRole: {
        d: "Cluster-wide permissions: a set of policy rules.",
        f: {
          aggregationRule: "AggregationRule; Build the rules from other cluster roles selected by label.",
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          rules: "[]PolicyRule; The permissions.",
        },
      },
      ClusterRoleBinding: {
        d: "Grants a cluster role's permissions to subjects cluster-wide.",
        req: ["roleRef"],
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          roleRef: "RoleRef; The ClusterRole granted.",
          subjects: "[]Subject; Users, groups or service accounts granted the role.",
        },
      },
      PolicyRule: {
        d: "Verbs allowed on resources or non-resource URLs.",
        req: ["verbs"],
        f: {
          apiGroups: "[]string; API groups of the resources; empty string is the core group.",
          nonResourceURLs: "[]string; Non-resource URLs such as /healthz (cluster roles only).",
          resourceNames: "[]string; Restrict to these object names.",
          resources: "[]string; Resources, e.g. pods or deployments/scale; * for all.",
          verbs: "[]string; Verbs, e.g. get, list, watch, create; * for all.",
        },
      },
      RoleRef: {
        d: "The role a binding grants.",
        req: ["apiGroup",  "name"],
        f: {
          apiGroup: "string; API group of the role: rbac.authorization.k8s.io.",
          kind: "string; Role or ClusterRole.",
          name: "string; Name of the role.",
        },
      },
      Subject: {
        d: "A user, group or service account.",
        req: ["name"],
        f: {
          apiGroup: "string; rbac.authorization.k8s.io for users and groups, empty for service accounts.",
          kind: "string; User, Group or ServiceAccount.",
          name: "string; Name of the subject.",
          namespace: "string; Namespace of a service account.",
        },
      },
      AggregationRule: {
        d: "Selects the cluster roles to aggregate.",
        f: {
          clusterRoleSelectors: "[]LabelSelector; Label selectors over cluster roles.",
        },
      },
    },
  },
];
