// What a Pod update may change in spec: container images, activeDeadlineSeconds (set or lower),
// additions to tolerations, removal of scheduling gates, and a negative grace period to 1.
// Anything else is one Forbidden cause on `spec`, worded as upstream's.
import type { PodSpec, Toleration } from "kubernetes-types/core/v1";
import { cause, required, type StatusCause } from "./causes.ts";
import { semanticEqual } from "./equality.ts";

export const podUpdateForbiddenMessage =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

function tolerationsUpdate(next: Toleration[], old: Toleration[], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const o of old) {
    const kept = next.find((n) => n.key === o.key && n.operator === o.operator && n.value === o.value && n.effect === o.effect);
    if (!kept) {
      causes.push(cause.forbidden(field, "existing toleration can not be modified except its tolerationSeconds"));
      continue;
    }
    if (o.tolerationSeconds !== undefined && (kept.tolerationSeconds === undefined || kept.tolerationSeconds > o.tolerationSeconds)) {
      causes.push(cause.forbidden(field, "existing toleration can not be modified except its tolerationSeconds"));
    }
  }
  return causes;
}

export function validatePodSpecUpdate(next: PodSpec, old: PodSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const list of ["containers", "initContainers"] as const) {
    (next[list] ?? []).forEach((c, i) => {
      if (!c.image) causes.push(required(`spec.${list}[${i}].image`));
    });
  }
  const nextADS = next.activeDeadlineSeconds;
  const oldADS = old.activeDeadlineSeconds;
  if (oldADS !== undefined) {
    if (nextADS === undefined) {
      causes.push(cause.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
    } else if (nextADS > oldADS) {
      causes.push(cause.invalid("spec.activeDeadlineSeconds", nextADS, "must be less than or equal to previous value"));
    }
  }
  causes.push(...tolerationsUpdate(next.tolerations ?? [], old.tolerations ?? [], "spec.tolerations"));
  const oldGates = (old.schedulingGates ?? []).map((g) => g.name);
  for (const g of next.schedulingGates ?? []) {
    if (!oldGates.includes(g.name)) causes.push(cause.forbidden("spec.schedulingGates", "only deletion is allowed, but found new scheduling gate '" + g.name + "'"));
  }

  // Copy every mutable field from the new spec onto the old one; any remaining difference is forbidden.
  const munged: PodSpec = structuredClone(next);
  for (const list of ["containers", "initContainers"] as const) {
    const oldList = old[list] ?? [];
    (munged[list] ?? []).forEach((c, i) => {
      if (oldList[i]) c.image = oldList[i].image;
    });
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.tolerations = old.tolerations;
  munged.schedulingGates = old.schedulingGates;
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && next.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  if (!semanticEqual(munged, old)) causes.push(cause.forbidden("spec", podUpdateForbiddenMessage));
  return causes;
}
