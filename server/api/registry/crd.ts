// Registry rows for the custom resources a CustomResourceDefinition defines: one per served
// version, handled by the same generic handlers as built-in kinds.
import { validateObjectMeta } from "../strategy/meta.ts";
import type { ResourceType } from "./types.ts";

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
  subresources?: { status?: object; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: unknown[];
}

export interface Crd {
  metadata: { name: string; deletionTimestamp?: string };
  spec: {
    group: string;
    scope: "Namespaced" | "Cluster";
    names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
    versions: CrdVersion[];
  };
}

const dots = (p?: string) => (p ?? "").replace(/^\./, "");

export function crdRows(crd: Crd): ResourceType[] {
  const { group, names, scope, versions } = crd.spec;
  return (versions ?? [])
    .filter((v) => v.served !== false)
    .map((v) => ({
      group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      singular: names.singular ?? names.kind.toLowerCase(),
      namespaced: scope !== "Cluster",
      shortNames: names.shortNames,
      categories: names.categories,
      status: !!v.subresources?.status,
      scale: v.subresources?.scale && {
        specReplicasPath: dots(v.subresources.scale.specReplicasPath),
        statusReplicasPath: dots(v.subresources.scale.statusReplicasPath),
        labelSelectorPath: v.subresources.scale.labelSelectorPath ? dots(v.subresources.scale.labelSelectorPath) : undefined,
      },
      // Custom resources get upstream's ObjectMeta validation (DNS-subdomain names, labels, finalizers).
      strategy: { hasGeneration: true, validate: (obj) => validateObjectMeta(obj, scope !== "Cluster") },
      crdSchema: v.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      additionalPrinterColumns: v.additionalPrinterColumns,
    }));
}
