// PodTopologySpread, whenUnsatisfiable ScheduleAnyway: fewer matching pods in the node's domains
// → higher score. Raw score per node: Σ count·log(domains+2) + (maxSkew−1) over the soft
// constraints; nodes missing a topology label get 0. Normalized as upstream:
// 100·(max + min − s)/max.
import { MAX_SCORE, type Scorer } from "../types.ts";

const IGNORED = -1;

export const topologySpreadScore: Scorer = {
  name: "PodTopologySpread",
  weight: 2,
  score(_pod, node, ctx) {
    const soft = ctx.softSpread;
    if (!soft.length) return 0;
    let s = 0;
    for (const dc of soft) {
      const v = node.labels[dc.constraint.topologyKey];
      if (v === undefined) return IGNORED;
      s += (dc.counts.get(v) ?? 0) * Math.log(dc.counts.size + 2) + (dc.constraint.maxSkew - 1);
    }
    return Math.round(s);
  },
  normalize(scores, _nodes, ctx) {
    if (!ctx.softSpread.length) {
      scores.fill(MAX_SCORE);
      return;
    }
    const counted = scores.filter((s) => s !== IGNORED);
    const max = Math.max(0, ...counted);
    const min = counted.length ? Math.min(...counted) : 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s === IGNORED) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_SCORE;
      else scores[i] = Math.trunc((MAX_SCORE * (max + min - s)) / max);
    }
  },
};
