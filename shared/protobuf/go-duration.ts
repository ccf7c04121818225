// Go's time.Duration.String(), which is how metav1.Duration appears in JSON ("1h0m0s", "1.5s", "300ms").

const SECOND = 1_000_000_000n;

/** Formats a signed nanosecond count exactly like Go's time.Duration.String(). */
export function formatGoDuration(nanos: bigint): string {
  if (nanos === 0n) return "0s";
  const sign = nanos < 0n ? "-" : "";
  let u = nanos < 0n ? -nanos : nanos;
  if (u < SECOND) {
    if (u < 1000n) return `${sign}${u}ns`;
    const [prec, unit] = u < 1_000_000n ? [3, "µs"] : [6, "ms"];
    const [frac, rest] = fraction(u, prec);
    return `${sign}${rest}${frac}${unit}`;
  }
  const [frac, secondsTotal] = fraction(u, 9);
  u = secondsTotal;
  let text = `${u % 60n}${frac}s`;
  u /= 60n;
  if (u > 0n) {
    text = `${u % 60n}m${text}`;
    u /= 60n;
    if (u > 0n) text = `${u}h${text}`;
  }
  return sign + text;
}

/** The fractional digits of v at prec places (".5", or "" when all zero) and v with them removed. */
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = `${digit}${digits}`;
    v /= 10n;
  }
  return [print ? `.${digits}` : "", v];
}
