// The Deployment controller: one ReplicaSet per pod template, rolled out by the Deployment's
// strategy. Watch handlers only enqueue Deployment keys — of the Deployment itself, of the
// owner of a ReplicaSet that changed, of Deployments that could adopt an orphan ReplicaSet,
// and, for Recreate, of the owner of a pod that went away. sync.ts does the work.
import { onEveryChange, Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { selectorMatches } from "../../../shared/selectors/index.ts";
import { cachedController, controllerIndex } from "../replicaset/owner-index.ts";
import { controllerOf, DEPLOYMENTS, keyOfObj, PODS, REPLICASETS, type DeploymentObject, type PodObject, type ReplicaSetObject } from "../replicaset/types.ts";
import type { DeploymentContext } from "./context.ts";
import { syncDeployment } from "./sync.ts";

export type DeploymentControllerOptions = ReconcilerOptions;

export function startDeploymentController(opts: DeploymentControllerOptions) {
  const base = new Reconciler(opts, "deployment");
  const { clock, log, recorder } = base;
  const deployments = opts.informers.for<DeploymentObject>(DEPLOYMENTS);
  const replicaSets = opts.informers.for<ReplicaSetObject>(REPLICASETS);
  const pods = opts.informers.for<PodObject>(PODS);
  const ctx: DeploymentContext = {
    client: opts.client,
    recorder,
    clock,
    log,
    fieldManager: "deployment-controller",
    getDeployment: (key) => deployments.get(key),
    replicaSetIndex: controllerIndex(replicaSets),
    podIndex: controllerIndex(pods),
  };
  const controller = base.run({ workers: opts.workers ?? 5, informers: [deployments, replicaSets, pods], reconcile: (key) => syncDeployment(ctx, key) });
  const enqueue = (d: DeploymentObject) => controller.enqueue(keyOfObj(d));

  const owner = (namespace: string | undefined, ref: ReturnType<typeof controllerOf>) => cachedController(deployments, "Deployment", namespace, ref);
  const ownerOf = (rs: ReplicaSetObject) => owner(rs.metadata.namespace, controllerOf(rs));
  /** Deployments that could adopt an orphan ReplicaSet (an empty selector selects nothing here). */
  const adopters = (rs: ReplicaSetObject) =>
    deployments.list().filter((d) => {
      const sel = d.spec?.selector;
      const empty = !sel || Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
      return d.metadata.namespace === rs.metadata.namespace && !empty && selectorMatches(sel, rs.metadata.labels);
    });

  const rsChanged = (rs: ReplicaSetObject) => {
    const d = ownerOf(rs);
    if (d) enqueue(d);
    else if (!controllerOf(rs)) adopters(rs).forEach(enqueue);
  };
  const rsUpdated = (old: ReplicaSetObject, cur: ReplicaSetObject) => {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const [oldRef, curRef] = [controllerOf(old), controllerOf(cur)];
    if (oldRef?.uid !== curRef?.uid && oldRef) {
      const prev = owner(old.metadata.namespace, oldRef);
      if (prev) enqueue(prev);
    }
    if (curRef) {
      const d = ownerOf(cur);
      if (d) enqueue(d);
      return;
    }
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (labelsChanged || oldRef) adopters(cur).forEach(enqueue);
  };
  const podDeleted = (pod: PodObject) => {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== "ReplicaSet") return;
    const rs = replicaSets.get(`${pod.metadata.namespace}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = ownerOf(rs);
    if (d?.spec?.strategy?.type === "Recreate") enqueue(d);
  };

  const unsubscribe = [
    deployments.on(onEveryChange(enqueue)),
    replicaSets.on({ add: rsChanged, update: rsUpdated, delete: rsChanged }),
    pods.on({ delete: podDeleted }),
  ];
  return {
    controller,
    stop: () => base.stop(unsubscribe),
  };
}
