// Schema data: core/v1 namespaces, configmaps, secrets, service accounts, quotas and limit ranges.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";
import { conditionFields } from "./condition.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Namespace: {
        d: "A scope for names; most objects live in exactly one namespace.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "NamespaceSpec; Finalizers that must run before the namespace is removed.",
          status: "NamespaceStatus; Phase of the namespace.",
        },
      },
      ConfigMap: {
        d: "Non-confidential configuration data as key/value pairs.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          binaryData: "{}byte; Binary values, base64-encoded in JSON.",
          data: "{}string; UTF-8 string values.",
          immutable: "boolean; When true, data cannot be changed after creation.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
        },
      },
      Secret: {
        d: "Confidential data such as passwords, tokens or keys.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          data: "{}string; Values, base64-encoded.",
          immutable: "boolean; When true, data cannot be changed after creation.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          stringData: "{}string; Write-only plain-text values, merged into data on write.",
          type: "string; How the data is used, e.g. Opaque, kubernetes.io/tls or kubernetes.io/dockerconfigjson.",
        },
      },
      ServiceAccount: {
        d: "An identity for processes that run in pods.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          automountServiceAccountToken: "boolean; Whether pods using this account get its token mounted by default.",
          imagePullSecrets: "[]LocalObjectReference; Registry credentials added to pods using this account.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          secrets: ["[]ObjectReference; Secrets pods using this account may use (legacy token secrets).", { patch: "merge", key: "name" }],
        },
      },
      ResourceQuota: {
        d: "Limits on the total resource consumption in a namespace.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "ResourceQuotaSpec; The hard limits.",
          status: "ResourceQuotaStatus; Current usage against the limits.",
        },
      },
      LimitRange: {
        d: "Default and maximum resource amounts for objects in a namespace.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "LimitRangeSpec; The limits.",
        },
      },
      NamespaceSpec: {
        d: "Desired state of a namespace.",
        f: {
          finalizers: "[]string; Finalizers that must be removed before the namespace is deleted.",
        },
      },
      NamespaceStatus: {
        d: "Observed state of a namespace.",
        f: {
          conditions: ["[]NamespaceCondition; Conditions of the namespace.", { patch: "merge", key: "type" }],
          phase: "string; Active or Terminating.",
        },
      },
      ResourceQuotaSpec: {
        d: "Desired quota.",
        f: {
          hard: "{}Quantity; Hard limits per resource name, e.g. pods, requests.cpu.",
          scopeSelector: "ScopeSelector; Selects the objects the quota applies to by scope.",
          scopes: "[]string; Scopes the quota applies to, e.g. BestEffort.",
        },
      },
      ResourceQuotaStatus: {
        d: "Observed quota usage.",
        f: {
          hard: "{}Quantity; Enforced hard limits.",
          used: "{}Quantity; Current usage.",
        },
      },
      LimitRangeSpec: {
        d: "Limits of a LimitRange.",
        req: ["limits"],
        f: {
          limits: "[]LimitRangeItem; Limits per object type.",
        },
      },
      NamespaceCondition: {
        d: "One aspect of a namespace's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      ScopeSelector: {
        d: "Scope requirements of a quota.",
        f: {
          matchExpressions: "[]ScopedResourceSelectorRequirement; Requirements on scopes.",
        },
      },
      LimitRangeItem: {
        d: "Limits for one object type.",
        req: ["type"],
        f: {
          default: "{}Quantity; Default limits for containers that set none.",
          defaultRequest: "{}Quantity; Default requests for containers that set none.",
          max: "{}Quantity; Maximum amounts.",
          maxLimitRequestRatio: "{}Quantity; Maximum ratio of limit to request.",
          min: "{}Quantity; Minimum amounts.",
          type: "string; Pod, Container or PersistentVolumeClaim.",
        },
      },
      ScopedResourceSelectorRequirement: {
        d: "One scope requirement.",
        req: ["operator",  "scopeName"],
        f: {
          operator: "string; In, NotIn, Exists or DoesNotExist.",
          scopeName: "string; Name of the scope.",
          values: "[]string; Values for In and NotIn.",
        },
      },
    },
  },
];
