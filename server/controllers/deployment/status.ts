// Deployment status from its ReplicaSets (upstream's calculateStatus): replicas, updated,
// ready, available and unavailable counts, the observed generation, the collision count, the
// conditions so far, and Available = at least replicas − maxUnavailable pods available.
import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import type { ReplicaSetObject } from "../replicaset/types.ts";
import { newCondition, REASON, setCondition } from "./util/conditions.ts";
import { desiredReplicas, maxUnavailable } from "./util/intstr.ts";
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, replicaCount } from "./util/replicasets.ts";
import type { WorkingDeployment } from "./context.ts";

export function calculateStatus(allRSs: (ReplicaSetObject | undefined)[], newRS: ReplicaSetObject | undefined, d: WorkingDeployment, now: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: d.status.collisionCount,
    conditions: [...(d.status.conditions ?? [])],
  };
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition("Available", "True", REASON.minimumReplicasAvailable, "Deployment has minimum availability.", now));
  } else {
    setCondition(status, newCondition("Available", "False", REASON.minimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
  }
  return status;
}

/** As upstream serializes it: zero counts, absent collisionCount and empty conditions left out. */
export function compactDeploymentStatus(s: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const k of ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"] as const) if (s[k]) out[k] = s[k];
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out as unknown as DeploymentStatus;
}
