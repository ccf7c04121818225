// manage: one daemon pod on every node that should run one, none elsewhere (upstream's manage,
// podsShouldBeOnNode and syncNodes). Failed and succeeded daemon pods are deleted (failed ones
// with per-node backoff) and recreated on the next pass; extra pods on a node go, oldest kept
// (with maxSurge, one old and one new may overlap until the new one is available).
import { isNotFound } from "../../../shared/client/index.ts";
import { isControlledBy, isPodAvailable, isPodReady, isPodTerminal } from "../../../shared/controller/pod-state.ts";
import { nodeShouldRunDaemonPod } from "./eligibility.ts";
import { allowsSurge } from "./rolling.ts";
import { daemonPodTemplate, newDaemonPod, targetNode } from "./template.ts";
import { FIELD_MANAGER, HASH_LABEL, PODS, type DaemonSetDeps, type DaemonSetObject, type NodeObject, type PodObject } from "./types.ts";

export interface ManageResult {
  /** Ask to be woken for a failed pod still in backoff. */
  requeueAfterMs?: number;
  error?: unknown;
}

/** Oldest first, running before pending on ties (upstream's podByCreationTimestampAndPhase). */
export function byAge(a: PodObject, b: PodObject): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? "") || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? "") || 0;
  if (ta !== tb) return ta - tb;
  const ra = a.status?.phase === "Running" ? 0 : 1;
  const rb = b.status?.phase === "Running" ? 0 : 1;
  return ra - rb || (a.metadata.name < b.metadata.name ? -1 : 1);
}

/** The DaemonSet's pods by the node they are for; finished pods being deleted only if asked. */
export function nodeToDaemonPods(d: DaemonSetDeps, ds: DaemonSetObject, includeDeletedTerminal = false): Map<string, PodObject[]> {
  const out = new Map<string, PodObject[]>();
  for (const p of d.pods.list()) {
    if (p.metadata.namespace !== ds.metadata.namespace || !isControlledBy(p, ds)) continue;
    if (!includeDeletedTerminal && isPodTerminal(p) && p.metadata.deletionTimestamp) continue;
    const node = targetNode(p) ?? "";
    const list = out.get(node);
    if (list) list.push(p);
    else out.set(node, [p]);
  }
  return out;
}

export function podsShouldBeOnNode(d: DaemonSetDeps, node: NodeObject, byNode: Map<string, PodObject[]>, ds: DaemonSetObject, hash: string, r: ManageResult): { create: boolean; remove: PodObject[] } {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const pods = byNode.get(node.metadata.name);
  const remove: PodObject[] = [];
  if (shouldRun && !pods) return { create: true, remove };
  if (!shouldContinueRunning) return { create: false, remove: (pods ?? []).filter((p) => !p.metadata.deletionTimestamp) };
  const running: PodObject[] = [];
  for (const p of pods ?? []) {
    if (p.metadata.deletionTimestamp) continue;
    const phase = p.status?.phase;
    if (phase !== "Failed" && phase !== "Succeeded") {
      running.push(p);
      continue;
    }
    // Failed pods fight a kubelet that keeps rejecting them: back off per node.
    const key = `${ds.metadata.uid}/${node.metadata.name}`;
    const wait = phase === "Failed" ? d.failedPods.remaining(key) : 0;
    if (wait > 0) {
      r.requeueAfterMs = Math.min(r.requeueAfterMs ?? Infinity, wait);
      continue;
    }
    if (phase === "Failed") d.failedPods.next(key);
    const what = phase === "Failed" ? "failed" : "succeeded";
    d.recorder.record(ds, "Warning", phase === "Failed" ? "FailedDaemonPod" : "SucceededDaemonPod", `Found ${what} daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to ${phase === "Failed" ? "kill" : "delete"} it`);
    remove.push(p);
  }
  running.sort(byAge);
  if (!allowsSurge(ds)) return { create: false, remove: [...remove, ...running.slice(1)] };
  if (running.length <= 1) return { create: running.length === 0 && shouldRun, remove };
  // Surging: keep the oldest new and the oldest old pod; the old one goes once the new one is available (or it is not ready).
  let newest: PodObject | undefined;
  let oldest: PodObject | undefined;
  for (const p of running) {
    const isNew = p.metadata.labels?.[HASH_LABEL] === hash;
    if (isNew && !newest) newest = p;
    else if (!isNew && !oldest) oldest = p;
    else remove.push(p);
  }
  if (newest && oldest && (!isPodReady(oldest) || isPodAvailable(newest, ds.spec?.minReadySeconds ?? 0, d.clock.now()))) remove.push(oldest);
  return { create: false, remove };
}

/** Create daemon pods on `nodes` (slow start) and delete `remove`. */
export async function syncNodes(d: DaemonSetDeps, ds: DaemonSetObject, key: string, remove: readonly PodObject[], nodes: readonly string[], hash: string, r: ManageResult) {
  const template = daemonPodTemplate(ds, hash);
  const creates = nodes.slice(0, d.burst);
  for (let batch = Math.min(1, creates.length), done = 0; done < creates.length; batch = Math.min(2 * batch, creates.length - done)) {
    const ok = await Promise.all(creates.slice(done, done + batch).map((node) => createPod(d, ds, key, template, node, r)));
    done += batch;
    if (ok.includes(false)) break;
  }
  await Promise.all(
    remove.slice(0, d.burst).map(async (p) => {
      try {
        await d.client.delete(PODS, p.metadata.name, { namespace: p.metadata.namespace, preconditions: { uid: p.metadata.uid } });
        d.expectations.deleted(key, p.metadata.name, p.metadata.uid);
        d.recorder.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (isNotFound(e)) return;
        d.recorder.record(ds, "Warning", "FailedDelete", `Error deleting: ${e instanceof Error ? e.message : String(e)}`);
        r.error ??= e;
      }
    }),
  );
}

async function createPod(d: DaemonSetDeps, ds: DaemonSetObject, key: string, template: ReturnType<typeof daemonPodTemplate>, node: string, r: ManageResult): Promise<boolean> {
  try {
    const pod = await d.client.create<PodObject>(PODS, newDaemonPod(ds, template, node), { fieldManager: FIELD_MANAGER });
    d.expectations.created(key, pod.metadata.name);
    d.recorder.record(ds, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
    return true;
  } catch (e) {
    d.recorder.record(ds, "Warning", "FailedCreate", `Error creating: ${e instanceof Error ? e.message : String(e)}`);
    r.error ??= e;
    return false;
  }
}

/** The nodes that need a pod and the pods to delete, over all nodes (upstream's manage). */
export function plan(d: DaemonSetDeps, ds: DaemonSetObject, hash: string, r: ManageResult) {
  const byNode = nodeToDaemonPods(d, ds);
  const nodes = d.nodes.list();
  const create: string[] = [];
  const remove: PodObject[] = [];
  for (const node of nodes) {
    const p = podsShouldBeOnNode(d, node, byNode, ds, hash, r);
    if (p.create) create.push(node.metadata.name);
    remove.push(...p.remove);
  }
  // Unscheduled pods for nodes that no longer exist would never be scheduled: delete them.
  const known = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, pods] of byNode) {
    if (known.has(node)) continue;
    for (const p of pods) if (!p.spec?.nodeName && !p.metadata.deletionTimestamp) remove.push(p);
  }
  return { create, remove };
}
