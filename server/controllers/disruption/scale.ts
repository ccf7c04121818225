// Finding the scale of a pod's controller (upstream's finders): a ReplicaSet owned by a
// Deployment counts as the Deployment, a lone ReplicaSet or a StatefulSet as itself — all from
// informer caches — and any other kind through its scale subresource, read live.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isNotFound, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { typeForKind, type ResourceSource } from "../../../shared/controller/index.ts";
import type { ScaleFinder } from "./budget.ts";

export const REPLICASETS: ApiResource = { group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true };
export const DEPLOYMENTS: ApiResource = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };
export const STATEFULSETS: ApiResource = { group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true };

type Scalable = StoredObject & { spec?: { replicas?: number } };

export interface ScaleSources {
  client: Client;
  types: ResourceSource;
  replicaSets: { get(key: string): Scalable | undefined };
  deployments: { get(key: string): Scalable | undefined };
  statefulSets: { get(key: string): Scalable | undefined };
}

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");
const is = (ref: OwnerReference, kind: string, groups: string[]) => ref.kind === kind && groups.includes(groupOf(ref.apiVersion));
const controllerOf = (obj: StoredObject) => obj.metadata.ownerReferences?.find((r) => r.controller === true);
const scaleOf = (obj: Scalable) => ({ uid: obj.metadata.uid, replicas: obj.spec?.replicas ?? 1 });

export function scaleFinder(src: ScaleSources): ScaleFinder {
  return async (ref, namespace) => {
    if (is(ref, "ReplicaSet", ["apps", "extensions"])) {
      const rs = src.replicaSets.get(`${namespace}/${ref.name}`);
      if (!rs || rs.metadata.uid !== ref.uid) return null;
      const owner = controllerOf(rs);
      if (owner && is(owner, "Deployment", ["apps", "extensions"])) {
        const d = src.deployments.get(`${namespace}/${owner.name}`);
        return d && d.metadata.uid === owner.uid ? scaleOf(d) : null;
      }
      return scaleOf(rs);
    }
    if (is(ref, "StatefulSet", ["apps"])) {
      const ss = src.statefulSets.get(`${namespace}/${ref.name}`);
      return ss && ss.metadata.uid === ref.uid ? scaleOf(ss) : null;
    }
    const type = typeForKind(src.types, ref.apiVersion, ref.kind);
    if (!type) throw new Error(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    try {
      const scale = await src.client.get<StoredObject & { spec?: { replicas?: number } }>(type, ref.name, { namespace, subresource: "scale" });
      return scale.metadata.uid === ref.uid ? { uid: ref.uid, replicas: scale.spec?.replicas ?? 0 } : null;
    } catch (e) {
      // Missing, or a kind without a scale subresource: either way no controller to count.
      if (isNotFound(e)) return null;
      throw e;
    }
  };
}
