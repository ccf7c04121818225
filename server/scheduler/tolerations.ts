// Taints and tolerations, as upstream's ToleratesTaint: effect and key must match when the
// toleration names them; operator Exists matches any value, Equal (the default) the same value.
import type { Taint, Toleration } from "kubernetes-types/core/v1";

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === "Exists") return true;
  if (!t.operator || t.operator === "Equal") return (t.value ?? "") === (taint.value ?? "");
  return false;
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function untoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, effects: ReadonlySet<string>): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.has(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

export const SCHEDULE_EFFECTS: ReadonlySet<string> = new Set(["NoSchedule", "NoExecute"]);

/** Upstream's wording for a taint in reasons: `{key: value}`. */
export const taintText = (t: Taint) => `{${t.key}: ${t.value ?? ""}}`;
