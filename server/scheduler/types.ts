// The shapes filters and scores share. A filter says whether a pod may go to a node (and, if
// not, upstream's reason text); a scorer rates the nodes that passed, 0–100 after normalizing.
import type { Pod } from "kubernetes-types/core/v1";
import type { Cycle } from "./cycle.ts";
import type { NodeInfo } from "./node-info.ts";

export type FilterResult = { ok: true } | { ok: false; reason: string; reasons?: readonly string[] };

export type Filter = (pod: Pod, node: NodeInfo, ctx: Cycle) => FilterResult;

export interface NamedFilter {
  name: string;
  filter: Filter;
}

export interface Scorer {
  name: string;
  weight: number;
  /** The raw score of one feasible node. */
  score(pod: Pod, node: NodeInfo, ctx: Cycle): number;
  /** Turn the raw scores of all feasible nodes (same order as `nodes`) into 0–100, in place. */
  normalize?(scores: number[], nodes: readonly NodeInfo[], ctx: Cycle): void;
}

export const MAX_SCORE = 100;

export const OK: FilterResult = Object.freeze({ ok: true });

export function fail(reason: string, ...more: string[]): FilterResult {
  return more.length ? { ok: false, reason, reasons: [reason, ...more] } : { ok: false, reason };
}

/** Every reason of a failed result (a node can fail for several resources at once). */
export function reasonsOf(r: FilterResult): readonly string[] {
  return r.ok ? [] : (r.reasons ?? [r.reason]);
}
