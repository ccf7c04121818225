// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding: upstream's
// defaults (roleRef and User/Group subjects in the RBAC group), rule and subject validation,
// and a roleRef that cannot change.
import type { ClusterRole, PolicyRule, RoleBinding, Subject } from "kubernetes-types/rbac/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDNS1123Subdomain, pathSegmentName } from "./names.ts";
import { validateLabelSelector } from "./selector.ts";

export const rbacGroup = "rbac.authorization.k8s.io";

function validateRule(r: PolicyRule, namespaced: boolean, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!r.verbs?.length) causes.push(required(`${field}.verbs`, "verbs must contain at least one value"));
  if (r.nonResourceURLs?.length) {
    if (namespaced) causes.push(cause.invalid(`${field}.nonResourceURLs`, r.nonResourceURLs, "namespaced rules cannot apply to non-resource URLs"));
    if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) {
      causes.push(cause.invalid(`${field}.nonResourceURLs`, r.nonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return causes;
  }
  if (!r.apiGroups?.length) causes.push(required(`${field}.apiGroups`, "resource rules must supply at least one api group"));
  if (!r.resources?.length) causes.push(required(`${field}.resources`, "resource rules must supply at least one resource"));
  return causes;
}

function roleStrategy(namespaced: boolean): Strategy {
  return {
    validate(obj) {
      const role = obj as ClusterRole;
      const causes = validateObjectMeta(obj, namespaced, { nameFn: pathSegmentName });
      (role.rules ?? []).forEach((r, i) => causes.push(...validateRule(r, namespaced, `rules[${i}]`)));
      (role.aggregationRule?.clusterRoleSelectors ?? []).forEach((s, i) => {
        causes.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`));
      });
      return causes;
    },
  };
}

function defaultBinding(b: RoleBinding) {
  if (b.roleRef) b.roleRef.apiGroup ||= rbacGroup;
  for (const s of b.subjects ?? []) {
    if (!s.apiGroup && (s.kind === "User" || s.kind === "Group")) s.apiGroup = rbacGroup;
    if (!s.apiGroup && s.kind === "ServiceAccount") s.apiGroup = "";
  }
}

function validateSubject(s: Subject, namespaced: boolean, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!s.name) causes.push(required(`${field}.name`));
  switch (s.kind) {
    case "ServiceAccount":
      if (s.name) causes.push(...invalidEach(`${field}.name`, s.name, isDNS1123Subdomain(s.name)));
      if (s.apiGroup) causes.push(cause.notSupported(`${field}.apiGroup`, s.apiGroup, [""]));
      if (!namespaced && !s.namespace) causes.push(required(`${field}.namespace`));
      break;
    case "User":
    case "Group":
      if (s.apiGroup !== rbacGroup) causes.push(cause.notSupported(`${field}.apiGroup`, s.apiGroup ?? "", [rbacGroup]));
      break;
    default:
      causes.push(cause.notSupported(`${field}.kind`, s.kind ?? "", ["ServiceAccount", "User", "Group"]));
  }
  return causes;
}

function bindingStrategy(namespaced: boolean): Strategy {
  const roleKinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const ref = (o: KubeObject) => (o as unknown as RoleBinding).roleRef;
  return {
    defaults: (obj) => defaultBinding(obj as unknown as RoleBinding),
    validate(obj) {
      const b = obj as unknown as RoleBinding;
      const causes = validateObjectMeta(obj, namespaced, { nameFn: pathSegmentName });
      const r = b.roleRef ?? ({} as RoleBinding["roleRef"]);
      if (r.apiGroup !== rbacGroup) causes.push(cause.notSupported("roleRef.apiGroup", r.apiGroup ?? "", [rbacGroup]));
      if (!roleKinds.includes(r.kind)) causes.push(cause.notSupported("roleRef.kind", r.kind ?? "", roleKinds));
      if (!r.name) causes.push(required("roleRef.name"));
      else causes.push(...invalidEach("roleRef.name", r.name, pathSegmentName(r.name, false)));
      (b.subjects ?? []).forEach((s, i) => causes.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
      return causes;
    },
    validateUpdate: (obj, old) => (semanticEqual(ref(obj), ref(old)) ? [] : [cause.invalid("roleRef", ref(obj), "cannot change roleRef")]),
  };
}

export const roleStrategyNamespaced = roleStrategy(true);
export const clusterRoleStrategy = roleStrategy(false);
export const roleBindingStrategy = bindingStrategy(true);
export const clusterRoleBindingStrategy = bindingStrategy(false);
