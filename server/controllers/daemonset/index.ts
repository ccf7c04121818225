// The DaemonSet controller: one pod per eligible node (nodeSelector, node affinity, taints vs
// tolerations), each pinned to its node by required node affinity for the scheduler to bind;
// RollingUpdate (maxUnavailable, maxSurge) and OnDelete; ControllerRevisions; full status.
// Watch handlers only enqueue DaemonSet keys.
import { keyOf, onEveryChange, Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { Expectations } from "../../../shared/controller/expectations.ts";
import { controllerKey } from "../../../shared/controller/pod-state.ts";
import { canonicalJson } from "../history/hash.ts";
import { CONTROLLER_REVISIONS, type Revision } from "../history/revisions.ts";
import { FailedPodBackoff } from "./failed-backoff.ts";
import { syncDaemonSet } from "./sync.ts";
import { DAEMONSETS, NODES, PODS, type DaemonSetDeps, type DaemonSetObject, type NodeObject, type PodObject } from "./types.ts";

export type DaemonSetControllerOptions = ReconcilerOptions;

/** What about a node matters to daemon pods: labels, taints, unschedulable. */
const nodeShape = (n: NodeObject) => canonicalJson([n.metadata.labels, n.spec?.taints, n.spec?.unschedulable]);

export function startDaemonSetController(opts: DaemonSetControllerOptions) {
  const base = new Reconciler(opts, "daemonset");
  const { clock, log, recorder } = base;
  const daemonSets = opts.informers.for<DaemonSetObject>(DAEMONSETS);
  const pods = opts.informers.for<PodObject>(PODS);
  const nodes = opts.informers.for<NodeObject>(NODES);
  const revisions = opts.informers.for<Revision>(CONTROLLER_REVISIONS);
  const deps: DaemonSetDeps = {
    client: opts.client,
    daemonSets,
    pods,
    nodes,
    revisions,
    recorder,
    clock,
    expectations: new Expectations({ clock }),
    failedPods: new FailedPodBackoff(clock),
    log,
    burst: 250,
  };
  const controller = base.run({ workers: opts.workers ?? 2, informers: [daemonSets, pods, nodes, revisions], reconcile: (key) => syncDaemonSet(deps, key) });
  const enqueueOwner = (obj: PodObject | Revision) => {
    const key = controllerKey(obj, "DaemonSet");
    if (key) controller.enqueue(key);
  };
  const enqueueAll = () => {
    for (const k of daemonSets.keys()) controller.enqueue(k);
  };
  const unsubscribe = [
    daemonSets.on(onEveryChange((ds) => controller.enqueue(keyOf(ds)))),
    pods.on({ add: enqueueOwner, update: (old, p) => (enqueueOwner(old), enqueueOwner(p)), delete: enqueueOwner }),
    revisions.on(onEveryChange(enqueueOwner)),
    nodes.on({ add: enqueueAll, update: (old, n) => nodeShape(old) !== nodeShape(n) && enqueueAll(), delete: enqueueAll }),
  ];
  return { stop: () => base.stop(unsubscribe) };
}
