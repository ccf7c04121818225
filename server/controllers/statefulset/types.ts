// The StatefulSet controller's resources, label keys and dependencies (caches and a client, so
// unit tests can preload caches and record writes).
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource, Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { ReadCache } from "../../../shared/controller/fake-api.ts";
import type { Logger } from "../../../shared/log.ts";
import type { Revision } from "../history/revisions.ts";
import type { PodObject } from "../../../shared/controller/kinds.ts";

export const STATEFULSETS: ApiResource = { group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true };
export { PODS, type PodObject } from "../../../shared/controller/kinds.ts";
export const PVCS: ApiResource = { group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true };

/** The pod's revision: the full ControllerRevision name. */
export const REVISION_LABEL = "controller-revision-hash";
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
/** The hash label on a StatefulSet's ControllerRevisions. */
export const REVISION_HASH_LABEL = "controller.kubernetes.io/hash";
export const FIELD_MANAGER = "statefulset-controller";

export type StatefulSetObject = StoredObject & StatefulSet;
export type ClaimObject = StoredObject & PersistentVolumeClaim;

export interface StatefulSetDeps {
  client: Client;
  sets: ReadCache<StatefulSetObject>;
  pods: ReadCache<PodObject>;
  claims: ReadCache<ClaimObject>;
  revisions: ReadCache<Revision>;
  recorder: Pick<EventRecorder, "record">;
  clock: Clock;
  log: Logger;
}
