// RollingUpdate of a DaemonSet (upstream's rollingUpdate). Without surge, old pods are deleted so
// that at most maxUnavailable nodes lack an available pod, and manage() recreates them from the
// new template. With maxSurge, a new pod starts beside an old one on up to maxSurge nodes, and the
// old one goes once the new one is available. Unavailable old pods are replaced at once.
import { isPodAvailable } from "../../../shared/controller/pod-state.ts";
import { scaledValue } from "../../api/strategy/causes.ts";
import { nodeShouldRunDaemonPod } from "./eligibility.ts";
import { nodeToDaemonPods } from "./manage.ts";
import { isPodUpdated, templateGeneration } from "./template.ts";
import type { DaemonSetDeps, DaemonSetObject, PodObject } from "./types.ts";

const rolling = (ds: DaemonSetObject) => (ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate";

export const surgeCount = (ds: DaemonSetObject, n: number) => (rolling(ds) ? scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0, n, true) : 0);
export const unavailableCount = (ds: DaemonSetObject, n: number) => (rolling(ds) ? scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, n, true) : 0);
export const allowsSurge = (ds: DaemonSetObject) => surgeCount(ds, 1) !== 0;

/** The one new and one old (not deleted) pod on a node; undefined when there are more (manage() prunes first). */
function splitNodePods(ds: DaemonSetObject, pods: readonly PodObject[], hash: string): { newPod?: PodObject; oldPod?: PodObject } | undefined {
  const gen = templateGeneration(ds);
  let newPod: PodObject | undefined;
  let oldPod: PodObject | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, gen)) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}

export interface RollingPlan {
  remove: PodObject[];
  createOn: string[];
}

export function rollingUpdatePlan(d: DaemonSetDeps, ds: DaemonSetObject, hash: string): RollingPlan {
  const byNode = nodeToDaemonPods(d, ds);
  const nodes = new Map(d.nodes.list().map((n) => [n.metadata.name, n]));
  let desired = 0;
  for (const n of nodes.values()) {
    if (!nodeShouldRunDaemonPod(n, ds).shouldRun) continue;
    desired++;
    if (!byNode.has(n.metadata.name)) byNode.set(n.metadata.name, []);
  }
  let maxSurge = surgeCount(ds, desired);
  let maxUnavailable = unavailableCount(ds, desired);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const now = d.clock.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: PodObject) => isPodAvailable(p, minReady, now);
  const shouldRun = (node: string) => {
    const n = nodes.get(node);
    return !!n && nodeShouldRunDaemonPod(n, ds).shouldRun;
  };

  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: PodObject[] = [];
    const candidates: PodObject[] = [];
    for (const pods of byNode.values()) {
      const split = splitNodePods(ds, pods, hash);
      if (!split) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = split;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (!available(oldPod!)) {
        replace.push(oldPod!);
        unavailable++;
      } else if (unavailable < maxUnavailable) candidates.push(oldPod!);
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { remove: [...replace, ...candidates.slice(0, room)], createOn: [] };
  }

  const remove: PodObject[] = [];
  const shouldNotRun: PodObject[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  let surging = 0;
  let numAvailable = 0;
  for (const [node, pods] of byNode) {
    const split = splitNodePods(ds, pods, hash);
    if (!split) {
      surging++;
      continue;
    }
    const { newPod, oldPod } = split;
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun(node)) remove.push(oldPod);
        else allowedNew.push(node);
      } else if (!shouldRun(node)) shouldNotRun.push(oldPod);
      else if (surging < maxSurge) candidateNew.push(node);
      continue;
    }
    if (!available(newPod)) surging++;
    else remove.push(oldPod);
  }
  // With surge the owner expects full availability: a pod on a node that no longer fits goes only
  // when pods elsewhere have become available.
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  remove.push(...shouldNotRun.slice(0, deletable));
  const room = Math.min(Math.max(0, maxSurge - surging), candidateNew.length);
  return { remove, createOn: [...allowedNew, ...candidateNew.slice(0, room)] };
}
