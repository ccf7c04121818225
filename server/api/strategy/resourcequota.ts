// core/v1 ResourceQuota: known or qualified resource names, non-negative quantities (whole
// numbers for object counts), and known scopes.
import type { ResourceQuota } from "kubernetes-types/core/v1";
import { tryParseQuantity } from "../../../shared/quantity/index.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isQualifiedName } from "./names.ts";

const computeResources = [
  "cpu", "memory", "ephemeral-storage", "storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
  "requests.storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
];
const countResources = [
  "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
  "services.nodeports", "services.loadbalancers",
];
export const quotaScopes = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"];

const isQuotaResource = (name: string) =>
  computeResources.includes(name) || countResources.includes(name) || name.startsWith("count/") ||
  name.startsWith("requests.hugepages-") || name.startsWith("hugepages-") || name.includes(".storageclass.storage.k8s.io/");

/** Non-negative quantities; counts and extended resources must be whole numbers. */
export function validateQuotaList(list: Record<string, unknown> | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const path = `${field}[${name}]`;
    if (!isQuotaResource(name)) {
      if (!name.includes("/")) causes.push(cause.invalid(path, name, "must be a standard resource for quota"));
      else causes.push(...invalidEach(path, name, isQualifiedName(name)));
    }
    const q = tryParseQuantity(value);
    if (!q) causes.push(cause.invalid(path, value, "must be a valid quantity, e.g. 100m, 1Gi or 2"));
    else if (q.sign() < 0) causes.push(cause.invalid(path, value, "must be greater than or equal to 0"));
    else if ((countResources.includes(name) || name.startsWith("count/")) && !q.isInteger()) {
      causes.push(cause.invalid(path, value, "must be an integer"));
    }
  }
  return causes;
}

export const resourceQuotaStrategy: Strategy = {
  validate(obj) {
    const spec = (obj as ResourceQuota).spec ?? {};
    const causes = validateObjectMeta(obj, true);
    causes.push(...validateQuotaList(spec.hard, "spec.hard"));
    for (const s of spec.scopes ?? []) {
      if (!quotaScopes.includes(s)) causes.push(cause.notSupported("spec.scopes", s, quotaScopes));
    }
    (spec.scopeSelector?.matchExpressions ?? []).forEach((e, i) => {
      const path = `spec.scopeSelector.matchExpressions[${i}]`;
      if (!quotaScopes.includes(e.scopeName)) causes.push(cause.notSupported(`${path}.scopeName`, e.scopeName, quotaScopes));
      if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator)) {
        causes.push(cause.notSupported(`${path}.operator`, e.operator, ["In", "NotIn", "Exists", "DoesNotExist"]));
      }
    });
    return causes;
  },
};
