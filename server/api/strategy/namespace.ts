// core/v1 Namespace: a DNS-1123 label name, the `kubernetes.io/metadata.name` label, the
// `kubernetes` finalizer and phase Active on create.
//
// Upstream adds the finalizer only on create (the namespace controller removes it through
// /finalize). kubun's `defaults` runs on every write, so it adds the finalizer only when
// `spec.finalizers` is absent: an explicit `[]` (as /finalize stores it) stays empty.
import type { Namespace } from "kubernetes-types/core/v1";
import type { Strategy } from "../registry/types.ts";
import { invalidEach } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isQualifiedName, nameIsDNSLabel } from "./names.ts";

export function defaultNamespace(ns: Namespace) {
  const name = ns.metadata?.name;
  if (name) ((ns.metadata ??= {}).labels ??= {})["kubernetes.io/metadata.name"] = name;
  const spec = (ns.spec ??= {});
  if (spec.finalizers === undefined) spec.finalizers = ["kubernetes"];
  const status = ((ns as { status?: { phase?: string } }).status ??= {});
  status.phase ||= "Active";
}

export const namespaceStrategy: Strategy = {
  defaults: (obj) => defaultNamespace(obj as Namespace),
  validate(obj) {
    const causes = validateObjectMeta(obj, false, { nameFn: nameIsDNSLabel });
    for (const f of (obj as Namespace).spec?.finalizers ?? []) {
      causes.push(...invalidEach("spec.finalizers", f, isQualifiedName(f)));
    }
    return causes;
  },
  // Only /finalize changes spec.finalizers (as upstream): a main-resource write keeps the stored list.
  validateUpdate(obj, old) {
    const spec = ((obj as Namespace).spec ??= {}) as { finalizers?: string[] };
    const kept = (old as Namespace).spec?.finalizers;
    if (kept === undefined) delete spec.finalizers;
    else spec.finalizers = [...kept];
    return [];
  },
  fieldSelectors: {
    "status.phase": (o) => (o as Namespace).status?.phase ?? "",
  },
};
