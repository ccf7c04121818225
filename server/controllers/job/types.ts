// The Job controller's resources, names and dependencies. Reconcile functions take a JobDeps, so
// unit tests can give them preloaded caches and a recording client instead of informers.
import type { Job } from "kubernetes-types/batch/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource, Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Expectations } from "../../../shared/controller/expectations.ts";
import type { ReadCache } from "../../../shared/controller/fake-api.ts";
import type { Logger } from "../../../shared/log.ts";
import type { FinalizerExpectations } from "./finalizer-expectations.ts";
import type { PodObject } from "../../../shared/controller/kinds.ts";

export const JOBS: ApiResource = { group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true };
export { PODS, type PodObject } from "../../../shared/controller/kinds.ts";

export const TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
export const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
export const FIELD_MANAGER = "job-controller";

export type JobObject = StoredObject & Job;

export interface JobDeps {
  client: Client;
  jobs: ReadCache<JobObject>;
  pods: ReadCache<PodObject>;
  recorder: Pick<EventRecorder, "record">;
  clock: Clock;
  /** Pod creates and deletes not yet seen in the pod cache, per job key. */
  expectations: Expectations;
  /** Tracking finalizers removed but still shown by the pod cache, per job key. */
  finalizers: FinalizerExpectations;
  /** Delay before recreating pods after failures: base doubling up to max (upstream: 10 s, 10 min). */
  podFailureBackoff: { baseMs: number; maxMs: number };
  log: Logger;
}
