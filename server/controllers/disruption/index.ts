// The disruption controller: keeps every PodDisruptionBudget's status (currentHealthy,
// desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods, observedGeneration and the
// DisruptionAllowed condition) true to its pods, so pods/eviction can decide from the status.
// Level-triggered per budget; pods and workload scale changes enqueue the budgets they touch.
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isConflict, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { EventRecorder, keyOf, realClock, runController, type Clock, type QueueOptions, type ResourceSource, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { PODS, type PodObject } from "../../../shared/controller/kinds.ts";
import { labelSelectorMatcher } from "../../../shared/selectors/index.ts";
import { Wakeups } from "../nodelifecycle/wakeups.ts";
import { budgetStatus, countHealthy, disruptedPods, expectedPods, failSafeStatus } from "./budget.ts";
import { DEPLOYMENTS, REPLICASETS, scaleFinder, STATEFULSETS } from "./scale.ts";

export const PDBS: ApiResource = { group: "policy", version: "v1", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true };

type PdbObject = StoredObject & PodDisruptionBudget;
type Scalable = StoredObject & { spec?: { replicas?: number } };

export interface DisruptionControllerOptions {
  client: Client;
  informers: SharedInformers;
  /** Served types, to find the scale subresource of controllers other than the built-in ones. */
  types: ResourceSource;
  log: Logger;
  queue?: QueueOptions;
  clock?: Clock;
}

/** Pods a budget covers: its namespace, its selector (none: no pods; empty: all, as policy/v1). */
function podsOf(pdb: PdbObject, pods: PodObject[]): PodObject[] {
  const sel = pdb.spec?.selector;
  if (!sel) return [];
  const matches = labelSelectorMatcher(sel);
  return pods.filter((p) => p.metadata.namespace === pdb.metadata.namespace && matches(p.metadata.labels ?? {}));
}

export function startDisruptionController(opts: DisruptionControllerOptions) {
  const { client } = opts;
  const clock = opts.clock ?? realClock;
  const log = opts.log.with({ controller: "disruption" });
  const pdbs = opts.informers.for<PdbObject>(PDBS);
  const pods = opts.informers.for<PodObject>(PODS);
  const replicaSets = opts.informers.for<Scalable>(REPLICASETS);
  const deployments = opts.informers.for<Scalable>(DEPLOYMENTS);
  const statefulSets = opts.informers.for<Scalable>(STATEFULSETS);
  const find = scaleFinder({ client, types: opts.types, replicaSets, deployments, statefulSets });
  const events = new EventRecorder({ client, component: "controllermanager", clock, log });

  async function reconcile(key: string): Promise<number | undefined> {
    const pdb = pdbs.get(key);
    if (!pdb) return undefined;
    const covered = podsOf(pdb, pods.list());
    try {
      if (covered.length === 0) events.record(pdb, "Normal", "NoPods", "No matching pods found");
      let expected;
      try {
        expected = await expectedPods(pdb, covered, find);
      } catch (e) {
        events.record(pdb, "Warning", "CalculateExpectedPodCountFailed", `Failed to calculate the number of expected pods: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      if (expected.unmanaged.length) {
        const selector = JSON.stringify(pdb.spec?.selector);
        events.record(pdb, "Warning", "UnmanagedPods", `Pods selected by this PodDisruptionBudget (selector: ${selector}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
      }
      const now = clock.now();
      const { disrupted, notDeleted, recheckAt } = disruptedPods(pdb, covered, now);
      for (const pod of notDeleted) events.record(pod, "Warning", "NotDeleted", `Pod was expected by PDB ${key} to be deleted but it wasn't`);
      const currentHealthy = countHealthy(covered, disrupted, now);
      const status = budgetStatus(pdb, { currentHealthy, desiredHealthy: expected.desiredHealthy, expectedCount: expected.expectedCount, disrupted }, now);
      if (status) await client.updateStatus(PDBS, { ...pdb, status });
      return recheckAt;
    } catch (e) {
      if (isConflict(e)) throw e;
      const message = e instanceof Error ? e.message : String(e);
      log.level("warn")("failed to sync PodDisruptionBudget; no disruptions allowed", { key, error: message });
      await client.updateStatus(PDBS, { ...pdb, status: failSafeStatus(pdb, message, clock.now()) });
      return undefined;
    }
  }

  const wake = new Wakeups<string>(clock, (key) => controller.enqueue(key));
  const controller = runController<string>({
    name: "disruption",
    workers: 2,
    queue: opts.queue,
    log: opts.log,
    ready: async () => {
      await Promise.all([pdbs, pods, replicaSets, deployments, statefulSets].map((i) => i.waitForSync()));
    },
    async reconcile(key) {
      const at = await reconcile(key);
      if (at !== undefined) wake.at(key, at + 1);
    },
  });

  const enqueueFor = (pod: PodObject) => {
    for (const pdb of pdbs.list()) if (podsOf(pdb, [pod]).length) controller.enqueue(keyOf(pdb));
  };
  const enqueueNamespace = (obj: StoredObject) => {
    for (const pdb of pdbs.list()) if (pdb.metadata.namespace === obj.metadata.namespace) controller.enqueue(keyOf(pdb));
  };
  const onScale = {
    add: enqueueNamespace,
    update(old: Scalable, obj: Scalable) {
      if (old.spec?.replicas !== obj.spec?.replicas) enqueueNamespace(obj);
    },
  };
  const unsubscribe = [
    pdbs.on({ add: (p) => controller.enqueue(keyOf(p)), update: (_o, p) => controller.enqueue(keyOf(p)) }),
    pods.on({
      add: enqueueFor,
      update(old, pod) {
        enqueueFor(old);
        enqueueFor(pod);
      },
      delete: enqueueFor,
    }),
    replicaSets.on(onScale),
    deployments.on(onScale),
    statefulSets.on(onScale),
  ];

  return {
    async stop() {
      for (const u of unsubscribe) u();
      wake.stop();
      await controller.stop();
      await events.flush();
    },
  };
}
