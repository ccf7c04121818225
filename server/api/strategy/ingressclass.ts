// networking.k8s.io/v1 IngressClass: a domain-prefixed controller name (immutable) and
// parameters with a scope (Cluster by default).
import type { IngressClass } from "kubernetes-types/networking/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDomainPrefixedPath } from "./names.ts";

const ic = (o: KubeObject) => (o as IngressClass).spec ?? {};

export const ingressClassStrategy: Strategy = {
  defaults(obj) {
    const params = ic(obj).parameters;
    if (params) params.scope ??= "Cluster";
  },
  validate(obj) {
    const spec = ic(obj);
    const causes: StatusCause[] = validateObjectMeta(obj, false);
    if (!spec.controller) causes.push(required("spec.controller"));
    else if (spec.controller.length > 250) causes.push(cause.invalid("spec.controller", spec.controller, "must be no more than 250 characters"));
    else causes.push(...invalidEach("spec.controller", spec.controller, isDomainPrefixedPath(spec.controller)));
    const p = spec.parameters;
    if (p) {
      if (!p.kind) causes.push(required("spec.parameters.kind"));
      if (!p.name) causes.push(required("spec.parameters.name"));
      causes.push(...oneOf(p.scope, "spec.parameters.scope", ["Cluster", "Namespace"]));
      if (p.scope === "Namespace" && !p.namespace) causes.push(required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'"));
      if (p.scope === "Cluster" && p.namespace) causes.push(cause.forbidden("spec.parameters.namespace", "`parameters.scope` is set to 'Cluster'"));
    }
    return causes;
  },
  validateUpdate: (obj, old) => (ic(obj).controller === ic(old).controller ? [] : [cause.immutable("spec.controller")]),
};
