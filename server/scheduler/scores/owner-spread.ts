// Spreading replicas of one owner (SelectorSpread-like): fewer pods of the pod's controller owner
// on a node → higher score. When nodes carry topology.kubernetes.io/zone, the zone's count
// weighs 2/3, as upstream. Pods without a controller owner score 100 everywhere.
import { MAX_SCORE, type Scorer } from "../types.ts";

const ZONE = "topology.kubernetes.io/zone";
const ZONE_WEIGHT = 2 / 3;

export const ownerSpread: Scorer = {
  name: "OwnerSpread",
  weight: 2,
  score(_pod, node, ctx) {
    const owner = ctx.info.owner;
    return owner ? (node.ownerCounts.get(owner) ?? 0) : 0;
  },
  normalize(scores, nodes) {
    const maxNode = Math.max(0, ...scores);
    const byZone = new Map<string, number>();
    nodes.forEach((n, i) => {
      const z = n.labels[ZONE];
      if (z) byZone.set(z, (byZone.get(z) ?? 0) + scores[i]!);
    });
    const maxZone = Math.max(0, ...byZone.values());
    nodes.forEach((n, i) => {
      let s = maxNode > 0 ? (MAX_SCORE * (maxNode - scores[i]!)) / maxNode : MAX_SCORE;
      const z = n.labels[ZONE];
      if (byZone.size && z) {
        const zoneScore = maxZone > 0 ? (MAX_SCORE * (maxZone - byZone.get(z)!)) / maxZone : MAX_SCORE;
        s = s * (1 - ZONE_WEIGHT) + ZONE_WEIGHT * zoneScore;
      }
      scores[i] = Math.trunc(s);
    });
  },
};
