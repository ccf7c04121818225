// Age formatting with the same thresholds as apimachinery's duration.HumanDuration: about two
// to three significant figures, switching units as the value grows.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** `ms` is a duration in milliseconds. Negative values past the 2 s clock-skew tolerance are invalid. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRest(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRest(hours, "h", minutes % 60, "m");
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 8 * 24) return withRest(days, "d", hours % 24, "h");
  if (ms < 2 * YEAR) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (ms < 8 * YEAR) return withRest(years, "y", days % 365, "d");
  return `${years}y`;
}

function withRest(major: number, majorUnit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${rest}${restUnit}`;
}

/** Parses an RFC 3339 timestamp; undefined for missing or unparsable values. */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** "5m" for a timestamp five minutes before `now`; "<unknown>" when there is no timestamp. */
export function since(timestamp: unknown, now: Date): string {
  const t = parseTime(timestamp);
  if (!t) return "<unknown>";
  return humanDuration(now.getTime() - t.getTime());
}

/** Duration between two timestamps (end - start); "<unknown>" if either is missing. */
export function between(start: unknown, end: unknown): string {
  const s = parseTime(start);
  const e = parseTime(end);
  if (!s || !e) return "<unknown>";
  return humanDuration(e.getTime() - s.getTime());
}

/** RFC 3339 in UTC with second precision, as the default "Created At" column shows it. */
export function rfc3339(timestamp: unknown): string {
  const t = parseTime(timestamp);
  if (!t) return "0001-01-01T00:00:00Z";
  return t.toISOString().replace(/\.\d+Z$/, "Z");
}
