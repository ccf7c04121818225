// Writes for stateful pods (upstream's StatefulPodControl): claims first, then the pod; deletes
// carry the pod's uid as a precondition, so a stale cache never deletes a pod's successor. Each
// write records upstream's event ("create Pod web-0 in StatefulSet web successful").
import type { KubeObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isConflict, isNotFound } from "../../../shared/client/index.ts";
import { claimsFor } from "./identity.ts";
import { FIELD_MANAGER, PODS, PVCS, type PodObject, type StatefulSetDeps, type StatefulSetObject } from "./types.ts";

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Create the claims of `ordinal` that do not exist yet. */
export async function ensureClaims(d: StatefulSetDeps, set: StatefulSetObject, ordinal: number, podName: string) {
  for (const claim of claimsFor(set, ordinal)) {
    const name = claim.metadata!.name!;
    if (d.claims.get(`${set.metadata.namespace}/${name}`)) continue;
    try {
      await d.client.create(PVCS, claim, { fieldManager: FIELD_MANAGER });
      d.recorder.record(set, "Normal", "SuccessfulCreate", `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`);
    } catch (e) {
      if (isAlreadyExists(e)) continue;
      d.recorder.record(set, "Warning", "FailedCreate", `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${msg(e)}`);
      throw e;
    }
  }
}

/** Create the pod (and its claims); an existing pod of that name counts as created. */
export async function createStatefulPod(d: StatefulSetDeps, set: StatefulSetObject, pod: KubeObject, ordinal: number) {
  const name = pod.metadata!.name!;
  await ensureClaims(d, set, ordinal, name);
  try {
    await d.client.create(PODS, pod, { fieldManager: FIELD_MANAGER });
  } catch (e) {
    if (isAlreadyExists(e)) return; // the cache has not caught up with our own create
    d.recorder.record(set, "Warning", "FailedCreate", `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${msg(e)}`);
    throw e;
  }
  d.recorder.record(set, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${set.metadata.name} successful`);
}

export async function deleteStatefulPod(d: StatefulSetDeps, set: StatefulSetObject, pod: PodObject) {
  try {
    await d.client.delete(PODS, pod.metadata.name, { namespace: pod.metadata.namespace, preconditions: { uid: pod.metadata.uid } });
  } catch (e) {
    if (isNotFound(e) || isConflict(e)) return; // already gone, or replaced by a newer pod
    d.recorder.record(set, "Warning", "FailedDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${msg(e)}`);
    throw e;
  }
  d.recorder.record(set, "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
}
