// StatefulSet status: the counts from the update loop; a finished rolling update (every pod
// updated and ready) makes the update revision current. Written only when it changed, with
// upstream's serialization (zero ready/current/updated counts omitted).
import type { StatefulSetStatus } from "kubernetes-types/apps/v1";
import { canonicalJson } from "../history/hash.ts";
import type { UpdateResult } from "./update.ts";
import { FIELD_MANAGER, STATEFULSETS, type StatefulSetDeps, type StatefulSetObject } from "./types.ts";

export function finalStatus(set: StatefulSetObject, s: UpdateResult["status"]): StatefulSetStatus {
  const status: StatefulSetStatus = { ...s };
  const rolling = (set.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate";
  if (rolling && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) {
    status.currentReplicas = s.updatedReplicas;
    status.currentRevision = s.updateRevision;
  }
  for (const k of ["readyReplicas", "currentReplicas", "updatedReplicas"] as const) if (!status[k]) delete status[k];
  // Conditions belong to other writers (none yet); keep them.
  if (set.status?.conditions) status.conditions = set.status.conditions;
  return status;
}

export async function storeStatus(d: StatefulSetDeps, set: StatefulSetObject, status: StatefulSetStatus) {
  if (canonicalJson(status) === canonicalJson(set.status ?? {})) return;
  await d.client.updateStatus(STATEFULSETS, { ...set, status }, { fieldManager: FIELD_MANAGER });
}
