// upstream's manageReplicas: too few pods → create the difference (capped at a burst of 500) in
// slow-start batches of 1, 2, 4 …, stopping at the first batch with a failure; too many →
// delete the best candidates in parallel. Expectations are raised before the writes and
// lowered for whatever will never be observed.
import { isForbidden, isNotFound, type Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import type { Expectations } from "./expectations.ts";
import { podFromTemplate } from "./pod-template.ts";
import { podsToDelete } from "./pod-ranking.ts";
import { keyOfObj, PODS, type PodObject, type ReplicaSetObject } from "./types.ts";

export const BURST_REPLICAS = 500;

export interface ManageContext {
  client: Client;
  recorder: EventRecorder;
  expectations: Expectations;
  clock: Clock;
  log: Logger;
  fieldManager: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const namespaceTerminating = (e: unknown) => isForbidden(e) && /because it is being terminated/.test(message(e));

/** Run `fn` count times in growing parallel batches; returns how many succeeded and the first error. */
export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    successes += size - failed.length;
    if (failed.length) return { successes, error: failed[0]!.reason };
    remaining -= size;
  }
  return { successes };
}

export async function manageReplicas(ctx: ManageContext, rs: ReplicaSetObject, pods: PodObject[], related: () => PodObject[]): Promise<void> {
  const key = keyOfObj(rs);
  const want = rs.spec?.replicas ?? 1;
  const diff = pods.length - want;
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    ctx.expectations.expectCreations(key, n);
    ctx.log.level("debug")("too few replicas", { replicaSet: key, need: want, creating: n });
    const { successes, error } = await slowStartBatch(n, 1, () => createPod(ctx, rs));
    if (n - successes > 0) ctx.expectations.creationObserved(key, n - successes);
    if (error) throw error;
  } else if (diff > 0) {
    const n = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods, related(), n, ctx.clock.now());
    ctx.expectations.expectDeletions(key, victims.map(keyOfObj));
    ctx.log.level("debug")("too many replicas", { replicaSet: key, need: want, deleting: n });
    const results = await Promise.allSettled(victims.map((p) => deletePod(ctx, rs, p)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

async function createPod(ctx: ManageContext, rs: ReplicaSetObject) {
  const pod = podFromTemplate(rs.spec?.template, rs);
  try {
    const created = await ctx.client.create<PodObject>(PODS, pod, { fieldManager: ctx.fieldManager });
    ctx.recorder.record(rs, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
  } catch (e) {
    // In a terminating namespace every create fails: nothing to report or retry, and nothing
    // will be observed.
    if (namespaceTerminating(e)) return ctx.expectations.creationObserved(keyOfObj(rs));
    ctx.recorder.record(rs, "Warning", "FailedCreate", `Error creating: ${message(e)}`);
    throw e;
  }
}

async function deletePod(ctx: ManageContext, rs: ReplicaSetObject, pod: PodObject) {
  const key = keyOfObj(rs);
  try {
    await ctx.client.delete(PODS, pod.metadata.name, { namespace: pod.metadata.namespace, preconditions: { uid: pod.metadata.uid } });
    ctx.recorder.record(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
  } catch (e) {
    // A pod that is already gone will not be observed going: stop waiting for it.
    ctx.expectations.deletionObserved(key, keyOfObj(pod));
    if (isNotFound(e)) return;
    ctx.recorder.record(rs, "Warning", "FailedDelete", `Error deleting: ${message(e)}`);
    throw e;
  }
}
