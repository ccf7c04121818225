// The StatefulSet controller: pods with stable names `<set>-<ordinal>`, hostnames and claims
// (`<claim>-<set>-<ordinal>`), OrderedReady or Parallel, RollingUpdate (reverse ordinal order,
// partition) or OnDelete, ControllerRevisions and full status. Watch handlers only enqueue keys.
import { keyOf, onEveryChange, Reconciler, type ReconcilerOptions } from "../../../shared/controller/index.ts";
import { controllerKey } from "../../../shared/controller/pod-state.ts";
import { CONTROLLER_REVISIONS, type Revision } from "../history/revisions.ts";
import { syncStatefulSet } from "./sync.ts";
import { PODS, PVCS, STATEFULSETS, type ClaimObject, type PodObject, type StatefulSetDeps, type StatefulSetObject } from "./types.ts";

export type StatefulSetControllerOptions = ReconcilerOptions;

export function startStatefulSetController(opts: StatefulSetControllerOptions) {
  const base = new Reconciler(opts, "statefulset");
  const { clock, log, recorder } = base;
  const sets = opts.informers.for<StatefulSetObject>(STATEFULSETS);
  const pods = opts.informers.for<PodObject>(PODS);
  const claims = opts.informers.for<ClaimObject>(PVCS);
  const revisions = opts.informers.for<Revision>(CONTROLLER_REVISIONS);
  const deps: StatefulSetDeps = { client: opts.client, sets, pods, claims, revisions, recorder, clock, log };
  const controller = base.run({ workers: opts.workers ?? 5, informers: [sets, pods, claims, revisions], reconcile: (key) => syncStatefulSet(deps, key) });
  const enqueueOwner = (obj: PodObject | Revision) => {
    const key = controllerKey(obj, "StatefulSet");
    if (key) controller.enqueue(key);
  };
  const unsubscribe = [
    sets.on(onEveryChange((s) => controller.enqueue(keyOf(s)))),
    pods.on({ add: enqueueOwner, update: (old, p) => (enqueueOwner(old), enqueueOwner(p)), delete: enqueueOwner }),
    revisions.on(onEveryChange(enqueueOwner)),
  ];
  return { stop: () => base.stop(unsubscribe) };
}
