// The DaemonSet controller's resources, label keys and dependencies (caches and a client, so unit
// tests can preload caches and record writes).
import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource, Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Expectations } from "../../../shared/controller/expectations.ts";
import type { ReadCache } from "../../../shared/controller/fake-api.ts";
import type { Logger } from "../../../shared/log.ts";
import type { Revision } from "../history/revisions.ts";
import type { FailedPodBackoff } from "./failed-backoff.ts";
import type { NodeObject, PodObject } from "../../../shared/controller/kinds.ts";

export const DAEMONSETS: ApiResource = { group: "apps", version: "v1", plural: "daemonsets", kind: "DaemonSet", namespaced: true };
export { NODES, PODS, type NodeObject, type PodObject } from "../../../shared/controller/kinds.ts";

export const HASH_LABEL = "controller-revision-hash";
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
export const FIELD_MANAGER = "daemon-set-controller";

export type DaemonSetObject = StoredObject & DaemonSet;

export interface DaemonSetDeps {
  client: Client;
  daemonSets: ReadCache<DaemonSetObject>;
  pods: ReadCache<PodObject>;
  nodes: ReadCache<NodeObject>;
  revisions: ReadCache<Revision>;
  recorder: Pick<EventRecorder, "record">;
  clock: Clock;
  expectations: Expectations;
  failedPods: FailedPodBackoff;
  log: Logger;
  /** Most pods created or deleted in one sync (upstream's burstReplicas, 250). */
  burst: number;
}
