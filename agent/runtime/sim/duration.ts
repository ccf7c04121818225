// Go-style durations for the sim's flags and annotations: "200ms", "1s", "1.5s", "2m30s", "1h".
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or an Error naming the rule and the value. A bare "0" is zero. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    at = re.lastIndex;
  }
  if (at === 0 || at !== s.length) throw new Error(`duration "${text}" must be a number with a unit (ms, s, m, h), such as 200ms or 1.5s`);
  return Math.round(total);
}
