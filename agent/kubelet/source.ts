// The kubelet's pods: those bound to its node, from an informer over
// `fieldSelector=spec.nodeName=<node>` or from a view of an informer shared by simulated nodes.
import type { Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../shared/api/object.ts";
import type { Client } from "../../shared/client/index.ts";
import type { Informer, InformerOptions } from "../../shared/controller/index.ts";
import { PODS } from "../resources.ts";
import { filteredView, informerSource, type ObjectSource } from "../source.ts";

export type PodObject = StoredObject & Pod;
export type PodSource = ObjectSource<PodObject>;

export function nodePodInformer(client: Client, nodeName: string, opts: Omit<InformerOptions, "fieldSelector"> = {}): PodSource {
  return informerSource<PodObject>(client, PODS, { ...opts, fieldSelector: `spec.nodeName=${nodeName}` });
}

export function nodePodView(all: Informer<PodObject>, nodeName: string): PodSource {
  return filteredView(all, (p) => p.spec?.nodeName === nodeName);
}
