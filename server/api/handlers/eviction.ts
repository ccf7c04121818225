// pods/eviction: a delete that respects PodDisruptionBudgets (upstream's EvictionREST). A pod
// that is already finished, pending or being deleted goes at once. Otherwise its one matching
// budget must allow a disruption: the eviction takes it by writing the budget's status —
// disruptionsAllowed - 1 and the pod in disruptedPods — with a compare-and-swap on the budget, so
// two concurrent evictions cannot both spend the last disruption. An unready pod spends nothing
// when the budget is already met (or its unhealthyPodEvictionPolicy is AlwaysAllow).
import type { Pod } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { errors, StatusError } from "../../../shared/api/errors.ts";
import { isPlainObject, type KubeObject, type StoredObject } from "../../../shared/api/object.ts";
import { labelSelectorMatcher } from "../../../shared/selectors/index.ts";
import type { RequestInfo } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";
import type { WriteOptions } from "../request/options.ts";
import { checkDeleteOptionTypes, deleteObject, type DeleteOptions } from "./delete.ts";
import { rfc3339 } from "./meta.ts";

type Budget = StoredObject & PodDisruptionBudget;

/** Upstream's EvictionsRetry: attempts at the budget's compare-and-swap before giving up. */
const ATTEMPTS = 20;
/** Upstream's MaxDisruptedPodSize. */
const MAX_DISRUPTED_PODS = 2000;
const BUDGET_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

const tooManyRequests = (retryAfterSeconds: number, cause: string) =>
  new StatusError(429, "TooManyRequests", BUDGET_VIOLATION, { retryAfterSeconds, causes: [{ reason: "DisruptionBudget", message: cause }] });
const stillProcessing = (name: string) => tooManyRequests(10, `The disruption budget ${name} is still being processed by the server.`);
const forbidden = (name: string, why: string) => errors.forbidden(`poddisruptionbudget.policy "${name}" is forbidden: ${why}`);

/** Finished, pending or already being deleted: no budget applies (upstream's canIgnorePDB). */
function canIgnoreBudgets(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed" || phase === "Pending" || !!pod.metadata?.deletionTimestamp;
}

const isReady = (pod: Pod) => !!pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");

/** The budgets covering the pod; a budget with no or an empty selector covers nothing here. */
async function budgetsFor(info: RequestInfo, pod: StoredObject, namespace: string): Promise<{ rt: ResourceType; budgets: Budget[] }> {
  const rt = info.ctx.registry.lookup("policy", "v1", "poddisruptionbudgets")!;
  const listed = await info.ctx.store.backend.list(info.ctx.store.prefix(rt, namespace));
  const labels = pod.metadata.labels ?? {};
  const budgets: Budget[] = [];
  for (const kv of listed.kvs) {
    const pdb = JSON.parse(kv.value) as Budget;
    const sel = pdb.spec?.selector;
    if (!sel || Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) continue;
    if (labelSelectorMatcher(sel)(labels)) budgets.push(pdb);
  }
  return { rt, budgets };
}

/** Spend one disruption of budget `name` for `podName` (upstream's checkAndDecrement, retried on conflicts). */
async function takeDisruption(info: RequestInfo, rt: ResourceType, namespace: string, name: string, podName: string, dryRun: boolean) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await info.ctx.store.get(rt, namespace, name);
    if (!current) return; // the budget went away meanwhile: nothing to respect
    const pdb = current.obj as Budget;
    const status = pdb.status;
    if ((status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) || !status) throw stillProcessing(name);
    if (status.disruptionsAllowed < 0) throw forbidden(name, "pdb disruptions allowed is negative");
    if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) throw forbidden(name, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
    if (status.disruptionsAllowed === 0) throw tooManyRequests(0, `The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`);
    if (dryRun) return;
    const now = info.ctx.now();
    const next = structuredClone(pdb);
    const s = next.status!;
    s.disruptionsAllowed--;
    if (s.disruptionsAllowed === 0) {
      const conditions = s.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === "DisruptionAllowed");
      const c = { type: "DisruptionAllowed", status: "False", reason: "InsufficientPods", message: "", observedGeneration: s.observedGeneration, lastTransitionTime: rfc3339(now) };
      if (i < 0) conditions.push(c);
      else conditions[i] = conditions[i].status === "False" ? { ...c, lastTransitionTime: conditions[i].lastTransitionTime } : c;
      s.conditions = conditions;
    }
    s.disruptedPods = { ...s.disruptedPods, [podName]: rfc3339(now) };
    if (await info.ctx.store.update(rt, next, current.modRevision)) return;
  }
  throw new StatusError(504, "Timeout", `Timeout: couldn't update PodDisruptionBudget "${name}" due to conflicts`, { retryAfterSeconds: 10 });
}

export async function evictPod(info: RequestInfo, rt: ResourceType, namespace: string, name: string, body: KubeObject, write: WriteOptions) {
  if (body.kind !== undefined && body.kind !== "Eviction") throw errors.badRequest(`expected an Eviction, got kind "${body.kind}"`);
  const opts = body.deleteOptions ?? {};
  if (!isPlainObject(opts)) throw errors.badRequest("json: cannot unmarshal into Go struct field Eviction.deleteOptions of type v1.DeleteOptions");
  checkDeleteOptionTypes(opts);
  // The request's ?dryRun applies to the delete it makes, as upstream merges it into deleteOptions.
  const deleteOpts: DeleteOptions = { ...(opts as DeleteOptions), ...(write.dryRun ? { dryRun: ["All"] } : {}) };
  const dryRun = !!deleteOpts.dryRun?.length;
  const success = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };

  const stored = await info.ctx.store.get(rt, namespace, name);
  if (!stored) throw errors.notFound({ group: "", resource: "pods" }, name);
  const pod = stored.obj as StoredObject & Pod;
  if (canIgnoreBudgets(pod)) {
    await deleteObject(info, rt, namespace, name, deleteOpts);
    return success;
  }
  const { rt: pdbType, budgets } = await budgetsFor(info, pod, namespace);
  if (budgets.length > 1) throw new StatusError(500, "", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  const pdb = budgets[0];
  if (pdb && !isReady(pod)) {
    const s = pdb.status;
    const spendsNothing = pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow" || (!!s && s.currentHealthy >= s.desiredHealthy && s.desiredHealthy > 0);
    if (spendsNothing) {
      // Unready, so not counted as healthy: delete it, unless it became something else meanwhile.
      const userRv = deleteOpts.preconditions?.resourceVersion;
      try {
        await deleteObject(info, rt, namespace, name, { ...deleteOpts, preconditions: { ...deleteOpts.preconditions, resourceVersion: userRv ?? pod.metadata.resourceVersion } });
      } catch (e) {
        if (e instanceof StatusError && e.code === 409 && !userRv) throw stillProcessing(pdb.metadata.name);
        throw e;
      }
      return success;
    }
  }
  if (pdb) await takeDisruption(info, pdbType, namespace, pdb.metadata.name, name, dryRun);
  await deleteObject(info, rt, namespace, name, deleteOpts);
  return success;
}
