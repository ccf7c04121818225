// apiextensions.k8s.io/v1 CustomResourceDefinition: upstream's defaults (singular, listKind,
// conversion None, storedVersions), and the checks that make a CRD servable: name
// `<plural>.<group>`, names, scope, versions with exactly one storage version, a schema each.
import type {
  CustomResourceDefinition, CustomResourceDefinitionNames, CustomResourceDefinitionSpec,
} from "kubernetes-types/apiextensions/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, oneOf, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isDNS1035Label, isDNS1123Subdomain } from "./names.ts";

const crdSpec = (o: KubeObject) => ((o as unknown as CustomResourceDefinition).spec ?? {}) as CustomResourceDefinitionSpec;

export function defaultCRD(crd: CustomResourceDefinition) {
  const spec = crd.spec;
  if (!spec) return;
  const names = (spec.names ??= {} as CustomResourceDefinitionNames);
  if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: "None" };
  const svc = spec.conversion.webhook?.clientConfig?.service;
  if (svc) svc.port ??= 443;
  const status = ((crd as { status?: { storedVersions?: string[] } }).status ??= {});
  const storage = (spec.versions ?? []).find((v) => v.storage)?.name;
  if (storage && !(status.storedVersions ?? []).includes(storage)) status.storedVersions = [...(status.storedVersions ?? []), storage];
}

function validateNames(n: CustomResourceDefinitionNames, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const label = (sub: string, value: string | undefined, prefix = "") => {
    if (!value) return;
    const errs = isDNS1035Label(sub === "kind" || sub === "listKind" ? value.toLowerCase() : value);
    if (errs.length) causes.push(cause.invalid(`${field}.${sub}`, value, prefix + errs.join(",")));
  };
  for (const k of ["plural", "singular", "kind", "listKind"] as const) if (!n[k]) causes.push(required(`${field}.${k}`));
  label("plural", n.plural);
  label("singular", n.singular);
  label("kind", n.kind, "may have mixed case, but should otherwise match: ");
  label("listKind", n.listKind, "may have mixed case, but should otherwise match: ");
  (n.shortNames ?? []).forEach((s, i) => causes.push(...invalidEach(`${field}.shortNames[${i}]`, s, isDNS1035Label(s))));
  (n.categories ?? []).forEach((s, i) => causes.push(...invalidEach(`${field}.categories[${i}]`, s, isDNS1035Label(s))));
  if (n.kind && n.kind === n.listKind) causes.push(cause.invalid(`${field}.listKind`, n.listKind, "kind and listKind may not be the same"));
  return causes;
}

function validateCRD(obj: KubeObject): StatusCause[] {
  const spec = crdSpec(obj);
  const causes = validateObjectMeta(obj, false);
  const name = obj.metadata?.name;
  if (name && spec.names?.plural && spec.group && name !== `${spec.names.plural}.${spec.group}`) {
    causes.push(cause.invalid("metadata.name", name, 'must be spec.names.plural+"."+spec.group'));
  }
  if (!spec.group) causes.push(required("spec.group"));
  else {
    causes.push(...invalidEach("spec.group", spec.group, isDNS1123Subdomain(spec.group)));
    if (spec.group.split(".").length < 2) causes.push(cause.invalid("spec.group", spec.group, "should be a domain with at least one dot"));
  }
  causes.push(...oneOf(spec.scope, "spec.scope", ["Cluster", "Namespaced"]));
  causes.push(...validateNames(spec.names ?? ({} as CustomResourceDefinitionNames), "spec.names"));
  const versions = spec.versions ?? [];
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const path = `spec.versions[${i}]`;
    if (seen.has(v.name)) unique = false;
    seen.add(v.name);
    const errs = isDNS1035Label(v.name ?? "");
    if (errs.length) causes.push(cause.invalid(`${path}.name`, v.name ?? "", errs.join(",")));
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) causes.push(required(`${path}.schema.openAPIV3Schema`, "schemas are required"));
    else if (!schema.type) causes.push(required(`${path}.schema.openAPIV3Schema.type`, "must not be empty at the root"));
    else if (schema.type !== "object") causes.push(cause.invalid(`${path}.schema.openAPIV3Schema.type`, schema.type, "must be object at the root"));
  });
  if (!unique) causes.push(cause.invalid("spec.versions", versions.map((v) => v.name), "must contain unique version names"));
  if (versions.filter((v) => v.storage).length !== 1) {
    causes.push(cause.invalid("spec.versions", versions.map((v) => v.name), "must have exactly one version marked as storage version"));
  }
  if (versions.length > 0 && !versions.some((v) => v.served)) {
    causes.push(cause.invalid("spec.versions", versions.map((v) => v.name), "must have at least one version marked as served"));
  }
  const strategy = spec.conversion?.strategy;
  if (strategy) causes.push(...oneOf(strategy, "spec.conversion.strategy", ["None", "Webhook"]));
  return causes;
}

function validateCRDUpdate(obj: KubeObject, old: StoredObject): StatusCause[] {
  const causes: StatusCause[] = [];
  if (crdSpec(obj).scope !== crdSpec(old).scope) causes.push(cause.immutable("spec.scope"));
  if (crdSpec(obj).group !== crdSpec(old).group) causes.push(cause.immutable("spec.group"));
  return causes;
}

export const customResourceDefinitionStrategy: Strategy = {
  hasGeneration: true,
  defaults: (obj) => defaultCRD(obj as unknown as CustomResourceDefinition),
  validate: validateCRD,
  validateUpdate: validateCRDUpdate,
};
