// DaemonSet status (upstream's updateDaemonSetStatus): per node that should run a pod, whether
// one is scheduled there, ready, available and from the current revision; pods on nodes that
// should not run one are misscheduled. Written only when something changed.
import type { DaemonSetStatus } from "kubernetes-types/apps/v1";
import { availableAt, isPodAvailable, isPodReady } from "../../../shared/controller/pod-state.ts";
import { canonicalJson } from "../history/hash.ts";
import { nodeShouldRunDaemonPod } from "./eligibility.ts";
import { byAge, nodeToDaemonPods } from "./manage.ts";
import { isPodUpdated, templateGeneration } from "./template.ts";
import { DAEMONSETS, FIELD_MANAGER, type DaemonSetDeps, type DaemonSetObject } from "./types.ts";

export function computeStatus(d: DaemonSetDeps, ds: DaemonSetObject, hash: string): { status: DaemonSetStatus; nextAvailableAt?: number } {
  const byNode = nodeToDaemonPods(d, ds);
  const now = d.clock.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const gen = templateGeneration(ds);
  const s = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 };
  let nextAvailableAt: number | undefined;
  for (const node of d.nodes.list()) {
    const pods = byNode.get(node.metadata.name) ?? [];
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (pods.length) s.numberMisscheduled++;
      continue;
    }
    s.desiredNumberScheduled++;
    if (!pods.length) continue;
    s.currentNumberScheduled++;
    const pod = [...pods].sort(byAge)[0]!;
    if (isPodReady(pod)) {
      s.numberReady++;
      if (isPodAvailable(pod, minReady, now)) s.numberAvailable++;
      else {
        const at = availableAt(pod, minReady);
        if (at !== undefined) nextAvailableAt = Math.min(nextAvailableAt ?? Infinity, at);
      }
    }
    if (isPodUpdated(pod, hash, gen)) s.updatedNumberScheduled++;
  }
  const status: DaemonSetStatus = { ...s, numberUnavailable: s.desiredNumberScheduled - s.numberAvailable, observedGeneration: ds.status?.observedGeneration ?? 0 };
  if (!status.numberUnavailable) delete status.numberUnavailable;
  return { status, nextAvailableAt };
}

/** Write the status if it changed; `observed` raises observedGeneration to the spec's generation. */
export async function storeStatus(d: DaemonSetDeps, ds: DaemonSetObject, status: DaemonSetStatus, observed: boolean, collisionCount?: number) {
  const next: DaemonSetStatus = { ...ds.status, ...status };
  if (!status.numberUnavailable) delete next.numberUnavailable;
  if (observed) next.observedGeneration = ds.metadata.generation ?? 0;
  else next.observedGeneration = ds.status?.observedGeneration ?? 0;
  if (collisionCount !== undefined) next.collisionCount = collisionCount;
  if (canonicalJson(next) === canonicalJson(ds.status ?? {})) return;
  await d.client.updateStatus(DAEMONSETS, { ...ds, status: next }, { fieldManager: FIELD_MANAGER });
}
