// The Deployment's ReplicaSets split into the new one (same template) and the old ones, with
// revisions kept in order (upstream's getAllReplicaSetsAndSyncRevision / getNewReplicaSet).
// An existing new ReplicaSet gets the Deployment's annotations and revision max(old)+1; a
// missing one is created (when asked) as <deployment>-<pod-template-hash> from the template
// copied verbatim plus the hash label; a name taken by another template bumps collisionCount.
import type { ReplicaSet } from "kubernetes-types/apps/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isForbidden } from "../../../shared/client/index.ts";
import { computeHash } from "../history/hash.ts";
import { controllerOf, controllerRef, REPLICASETS, type ReplicaSetObject } from "../replicaset/types.ts";
import type { Run } from "./context.ts";
import { ANNOTATION, maxRevision, setNewReplicaSetAnnotations } from "./history.ts";
import { getCondition, newCondition, REASON, setCondition } from "./util/conditions.ts";
import { desiredReplicas, maxSurge } from "./util/intstr.ts";
import { hasProgressDeadline, newRSNewReplicas } from "./util/rollout-math.ts";
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, HASH_LABEL } from "./util/replicasets.ts";

export interface ReplicaSets {
  newRS: ReplicaSetObject | undefined;
  oldRSs: ReplicaSetObject[];
}

const quote = (s: string) => JSON.stringify(s);

export async function getAllReplicaSetsAndSyncRevision(run: Run, rsList: ReplicaSetObject[], createIfMissing: boolean): Promise<ReplicaSets> {
  const oldRSs = findOldReplicaSets(run.d, rsList);
  const newRS = await getNewReplicaSet(run, rsList, oldRSs, createIfMissing);
  // Later steps of this reconcile see what was just written, not the cached copy.
  const i = newRS ? rsList.findIndex((rs) => rs.metadata.uid === newRS.metadata.uid) : -1;
  if (i >= 0) rsList[i] = newRS!;
  else if (newRS) rsList.push(newRS);
  return { newRS, oldRSs };
}

/** Keep the Deployment's revision annotation equal to its new ReplicaSet's; true if it changed. */
function setDeploymentRevision(run: Run, revision: string): boolean {
  const annotations = (run.d.metadata.annotations ??= {});
  if (annotations[ANNOTATION.revision] === revision) return false;
  annotations[ANNOTATION.revision] = revision;
  return true;
}

async function getNewReplicaSet(run: Run, rsList: ReplicaSetObject[], oldRSs: ReplicaSetObject[], createIfMissing: boolean): Promise<ReplicaSetObject | undefined> {
  const d = run.d;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  const replicaAnnotations = { desired: desiredReplicas(d), max: desiredReplicas(d) + maxSurge(d) };
  if (existing) {
    const annotations = { ...(existing.metadata.annotations ?? {}) };
    const changed = setNewReplicaSetAnnotations(d.metadata.annotations ?? {}, annotations, newRevision, { exists: true, ...replicaAnnotations });
    const minReady = d.spec.minReadySeconds ?? 0;
    if (changed || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
      const copy = structuredClone(existing) as ReplicaSetObject & KubeObject;
      copy.metadata = { ...copy.metadata, annotations };
      copy.spec = { ...copy.spec!, minReadySeconds: minReady };
      return run.updateReplicaSet(copy);
    }
    let needsUpdate = setDeploymentRevision(run, annotations[ANNOTATION.revision] ?? "");
    if (hasProgressDeadline(d) && !getCondition(d.status, "Progressing")) {
      setCondition(d.status, newCondition("Progressing", "True", REASON.foundNewRS, `Found new replica set ${quote(existing.metadata.name)}`, run.now));
      needsUpdate = true;
    }
    if (needsUpdate) await run.updateStatus();
    return existing;
  }
  if (!createIfMissing) return undefined;
  return createNewReplicaSet(run, oldRSs, newRevision, replicaAnnotations);
}

async function createNewReplicaSet(run: Run, oldRSs: ReplicaSetObject[], newRevision: number, replicaAnnotations: { desired: number; max: number }): Promise<ReplicaSetObject> {
  const d = run.d;
  const template = structuredClone(d.spec.template);
  const hash = computeHash(template, d.status.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
  const annotations: Record<string, string> = {};
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, ownerReferences: [controllerRef(d)], labels: template.metadata.labels, annotations },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
  };
  const replicas = newRSNewReplicas(d, oldRSs, rs as ReplicaSetObject);
  rs.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d.metadata.annotations ?? {}, annotations, newRevision, { exists: false, ...replicaAnnotations });
  let created: ReplicaSetObject;
  let alreadyExists = false;
  try {
    created = await run.ctx.client.create<ReplicaSetObject>(REPLICASETS, rs as KubeObject, { fieldManager: run.ctx.fieldManager });
  } catch (e) {
    if (isAlreadyExists(e)) {
      const live = await run.ctx.client.get<ReplicaSetObject>(REPLICASETS, rs.metadata!.name!, { namespace: d.metadata.namespace });
      if (controllerOf(live)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, live.spec?.template)) {
        created = live;
        alreadyExists = true;
      } else {
        // A hash collision: another template has this name. A new collisionCount changes the hash.
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        await run.updateStatus();
        run.ctx.log("hash collision; bumped collisionCount", { deployment: `${d.metadata.namespace}/${d.metadata.name}`, collisionCount: d.status.collisionCount });
        throw e;
      }
    } else if (isForbidden(e) && /because it is being terminated/.test(e.message)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set ${quote(rs.metadata!.name!)}: ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(d)) {
        setCondition(d.status, newCondition("Progressing", "False", REASON.failedRSCreate, msg, run.now));
        await run.updateStatus().catch(() => {});
      }
      run.event("Warning", REASON.failedRSCreate, msg);
      throw e;
    }
  }
  if (!alreadyExists && replicas > 0) run.event("Normal", "ScalingReplicaSet", `Scaled up replica set ${created.metadata.name} to ${replicas}`);
  let needsUpdate = setDeploymentRevision(run, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition(d.status, newCondition("Progressing", "True", REASON.newReplicaSet, `Created new replica set ${quote(created.metadata.name)}`, run.now));
    needsUpdate = true;
  }
  if (needsUpdate) await run.updateStatus();
  return created;
}
