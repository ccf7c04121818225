// Upstream's DefaultNormalizeScore: scale raw scores so the largest becomes 100 (integer
// division); reversed, the smallest raw score becomes 100. All zero → all 0 (or 100 reversed).
import { MAX_SCORE } from "../types.ts";

export function defaultNormalize(scores: number[], reverse = false) {
  const max = Math.max(0, ...scores);
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_SCORE : 0;
    else {
      const s = Math.trunc((MAX_SCORE * scores[i]!) / max);
      scores[i] = reverse ? MAX_SCORE - s : s;
    }
  }
}
