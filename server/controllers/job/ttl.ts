// ttlSecondsAfterFinished (upstream's ttl-after-finished controller, folded into the Job
// controller): a finished Job is deleted, with its pods (foreground), once the TTL after its
// Complete/Failed condition has passed; until then its key is looked at again when it expires.
import { isNotFound } from "../../../shared/client/index.ts";
import type { ReconcileResult } from "../../../shared/controller/index.ts";
import { finishedCondition } from "./conditions.ts";
import { JOBS, type JobDeps, type JobObject } from "./types.ts";

export async function ttlRemaining(d: JobDeps, job: JobObject): Promise<ReconcileResult | void> {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return;
  const c = finishedCondition(job);
  const at = job.status?.completionTime ?? c?.lastTransitionTime;
  if (!at) return;
  const left = Date.parse(at) + ttl * 1000 - d.clock.now();
  if (left > 0) return { requeueAfterMs: left };
  try {
    await d.client.delete(JOBS, job.metadata.name, { namespace: job.metadata.namespace, propagationPolicy: "Foreground", preconditions: { uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion } });
    d.log("finished job deleted after its TTL", { job: `${job.metadata.namespace}/${job.metadata.name}`, ttlSecondsAfterFinished: ttl });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
