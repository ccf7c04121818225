// ReplicaSet status (upstream's calculateStatus / updateReplicaSetStatus): counts of the active
// pods it owns — all, fully labeled (carrying every template label), ready, available (ready
// for minReadySeconds) — the generation it acted on, and a ReplicaFailure condition while
// creating or deleting pods fails.
import type { ReplicaSetCondition, ReplicaSetStatus } from "kubernetes-types/apps/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Client } from "../../../shared/client/index.ts";
import { rfc3339 } from "../../../shared/controller/pod-state.ts";
import { canonicalJson } from "../history/hash.ts";
import { isPodAvailable, isPodReady } from "./pods.ts";
import { REPLICASETS, type PodObject, type ReplicaSetObject } from "./types.ts";

function fullyLabeled(pod: PodObject, templateLabels: Record<string, string>): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(templateLabels).every(([k, v]) => labels[k] === v);
}

export function calculateStatus(rs: ReplicaSetObject, pods: PodObject[], manageError: unknown, now: number): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let labeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (fullyLabeled(pod, templateLabels)) labeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === "ReplicaFailure");
  if (manageError && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
    const message = manageError instanceof Error ? manageError.message : String(manageError);
    conditions.push({ type: "ReplicaFailure", status: "True", lastTransitionTime: rfc3339(now), reason, message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== "ReplicaFailure");
  }
  return compactStatus({
    replicas: pods.length,
    fullyLabeledReplicas: labeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.status?.observedGeneration,
    conditions,
  });
}

/** As the JSON upstream writes: zero counts and empty lists omitted (replicas always present). */
export function compactStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: Record<string, unknown> = { replicas: s.replicas ?? 0 };
  for (const k of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"] as const) if (s[k]) out[k] = s[k];
  if (s.conditions?.length) out.conditions = s.conditions;
  return out as unknown as ReplicaSetStatus;
}

const sameConditions = (a: readonly ReplicaSetCondition[] = [], b: readonly ReplicaSetCondition[] = []) => canonicalJson(a) === canonicalJson(b);

/** Write the status unless nothing changed and the generation was already observed; one retry on a fresh read. */
export async function updateStatus(client: Client, rs: ReplicaSetObject, status: ReplicaSetStatus): Promise<ReplicaSetObject> {
  const cur: ReplicaSetStatus = rs.status ?? { replicas: 0 };
  const generation = rs.metadata.generation ?? 0;
  const unchanged =
    (cur.replicas ?? 0) === status.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
    (cur.observedGeneration ?? 0) === generation &&
    sameConditions(cur.conditions, status.conditions);
  if (unchanged) return rs;
  const next = compactStatus({ ...status, observedGeneration: generation });
  let target: ReplicaSetObject = rs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.updateStatus<ReplicaSetObject>(REPLICASETS, { ...target, status: next } as KubeObject);
    } catch (e) {
      if (attempt >= 1) throw e;
      target = await client.get<ReplicaSetObject>(REPLICASETS, rs.metadata.name, { namespace: rs.metadata.namespace });
    }
  }
}
