// The ReplicaSet controller: keeps spec.replicas active pods, created from the template and
// controlled by the ReplicaSet. Watch handlers only enqueue ReplicaSet keys and record what
// the informer observed against the expectations; sync.ts does the work.
import { Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { selectorMatches } from "../../../shared/selectors/index.ts";
import { Expectations } from "./expectations.ts";
import { cachedController, controllerIndex } from "./owner-index.ts";
import { isPodReady } from "./pods.ts";
import { syncReplicaSet, type ReplicaSetContext } from "./sync.ts";
import { controllerOf, keyOfObj, PODS, REPLICASETS, type PodObject, type ReplicaSetObject } from "./types.ts";

export type ReplicaSetControllerOptions = ReconcilerOptions;

export function startReplicaSetController(opts: ReplicaSetControllerOptions) {
  const base = new Reconciler(opts, "replicaset");
  const { clock, log, recorder } = base;
  const replicaSets = opts.informers.for<ReplicaSetObject>(REPLICASETS);
  const pods = opts.informers.for<PodObject>(PODS);
  const ctx: ReplicaSetContext = {
    client: opts.client,
    recorder,
    expectations: new Expectations(clock),
    clock,
    log,
    fieldManager: "replicaset-controller",
    getReplicaSet: (key) => replicaSets.get(key),
    replicaSetIndex: controllerIndex(replicaSets),
    podIndex: controllerIndex(pods),
  };
  const controller = base.run({ workers: opts.workers ?? 5, informers: [replicaSets, pods], reconcile: (key) => syncReplicaSet(ctx, key) });
  const enqueue = (rs: ReplicaSetObject) => controller.enqueue(keyOfObj(rs));

  const resolve = (namespace: string | undefined, ref: ReturnType<typeof controllerOf>) => cachedController(replicaSets, "ReplicaSet", namespace, ref);
  const matchingReplicaSets = (pod: PodObject) =>
    replicaSets.list().filter((rs) => rs.metadata.namespace === pod.metadata.namespace && selectorMatches(rs.spec?.selector, pod.metadata.labels));

  const podGone = (pod: PodObject) => {
    const rs = resolve(pod.metadata.namespace, controllerOf(pod));
    if (!rs) return;
    ctx.expectations.deletionObserved(keyOfObj(rs), keyOfObj(pod));
    enqueue(rs);
  };
  const podAdded = (pod: PodObject) => {
    if (pod.metadata.deletionTimestamp) return podGone(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = resolve(pod.metadata.namespace, ref);
      if (!rs) return;
      ctx.expectations.creationObserved(keyOfObj(rs));
      return enqueue(rs);
    }
    matchingReplicaSets(pod).forEach(enqueue);
  };
  const podUpdated = (old: PodObject, cur: PodObject) => {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      podGone(cur);
      if (labelsChanged) podGone(old);
      return;
    }
    const [oldRef, curRef] = [controllerOf(old), controllerOf(cur)];
    const refChanged = oldRef?.uid !== curRef?.uid;
    if (refChanged && oldRef) {
      const prev = resolve(old.metadata.namespace, oldRef);
      if (prev) enqueue(prev);
    }
    if (curRef) {
      const rs = resolve(cur.metadata.namespace, curRef);
      if (!rs) return;
      enqueue(rs);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) controller.queue.addAfter(keyOfObj(rs), (minReady + 1) * 1000);
      return;
    }
    if (labelsChanged || refChanged) matchingReplicaSets(cur).forEach(enqueue);
  };

  const unsubscribe = [
    replicaSets.on({
      add: enqueue,
      update: (_old, rs) => enqueue(rs),
      delete: (rs) => {
        ctx.expectations.forget(keyOfObj(rs));
        enqueue(rs);
      },
    }),
    pods.on({ add: podAdded, update: podUpdated, delete: podGone }),
  ];
  return {
    controller,
    expectations: ctx.expectations,
    stop: () => base.stop(unsubscribe),
  };
}
