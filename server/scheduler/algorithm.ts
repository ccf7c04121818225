// One scheduling decision, pure given its inputs: run the filters over the nodes (upstream
// stops after "enough" feasible nodes in big clusters, starting where the last cycle stopped),
// score the feasible ones, and pick the best, breaking ties at random with the injected rng.
import type { Cycle } from "./cycle.ts";
import type { NodeInfo } from "./node-info.ts";
import { reasonsOf, type NamedFilter, type Scorer } from "./types.ts";

export interface Feasibility {
  feasible: NodeInfo[];
  /** Node name → why it cannot take the pod. */
  reasons: Map<string, readonly string[]>;
  /** How many nodes were looked at. */
  processed: number;
}

/** Upstream's adaptive percentageOfNodesToScore: all of up to 100 nodes, then 50% shrinking to 5%. */
export function feasibleNodesToFind(total: number): number {
  if (total < 100) return total;
  const pct = Math.max(5, 50 - Math.trunc(total / 125));
  return Math.max(100, Math.trunc((total * pct) / 100));
}

export function findFeasible(ctx: Cycle, nodes: readonly NodeInfo[], filters: readonly NamedFilter[], start = 0): Feasibility {
  const want = feasibleNodesToFind(nodes.length);
  const out: Feasibility = { feasible: [], reasons: new Map(), processed: 0 };
  for (let i = 0; i < nodes.length && out.feasible.length < want; i++) {
    const node = nodes[(start + i) % nodes.length]!;
    out.processed++;
    let failed: readonly string[] | undefined;
    for (const f of filters) {
      const r = f.filter(ctx.pod, node, ctx);
      if (!r.ok) {
        failed = reasonsOf(r);
        break;
      }
    }
    if (failed) out.reasons.set(node.name, failed);
    else out.feasible.push(node);
  }
  return out;
}

/** Weighted sum of the normalized scores of each feasible node. */
export function scoreNodes(ctx: Cycle, feasible: readonly NodeInfo[], scorers: readonly Scorer[]): number[] {
  const total = new Array<number>(feasible.length).fill(0);
  for (const s of scorers) {
    const raw = feasible.map((n) => s.score(ctx.pod, n, ctx));
    s.normalize?.(raw, feasible, ctx);
    for (let i = 0; i < raw.length; i++) total[i]! += s.weight * raw[i]!;
  }
  return total;
}

/** The index of the highest score; among equals each is equally likely (reservoir sampling). */
export function pickBest(scores: readonly number[], rng: () => number): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < scores.length; i++) {
    if (scores[i]! > scores[best]!) {
      best = i;
      ties = 1;
    } else if (scores[i] === scores[best]) {
      ties++;
      if (Math.floor(rng() * ties) === 0) best = i;
    }
  }
  return best;
}

export function selectNode(ctx: Cycle, feasible: readonly NodeInfo[], scorers: readonly Scorer[], rng: () => number): NodeInfo {
  if (feasible.length === 1) return feasible[0]!;
  return feasible[pickBest(scoreNodes(ctx, feasible, scorers), rng)]!;
}

export const NO_NODES_MESSAGE = "no nodes available to schedule pods";

/** Upstream's FitError text, with its (unimplemented) preemption part. */
export function fitErrorMessage(numNodes: number, reasons: ReadonlyMap<string, readonly string[]>): string {
  if (numNodes === 0) return NO_NODES_MESSAGE;
  const histogram = new Map<string, number>();
  for (const list of reasons.values()) for (const r of list) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  let msg = `0/${numNodes} nodes are available:`;
  if (parts.length) msg += ` ${parts.join(", ")}.`;
  return `${msg} preemption: 0/${numNodes} nodes are available: ${numNodes} Preemption is not helpful for scheduling.`;
}
