// CronJob schedules: the 5-field standard form and @-descriptors, parsed the way the CronJob
// controller's library (robfig/cron ParseStandard) does, with its error messages. `nextAfter`
// finds the next minute a schedule fires, in UTC.

export class CronError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const fieldBounds: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(months.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(days.map((d, i) => [d, i])) },
];

export interface CronField {
  values: Set<number>;
  /** Written as `*` or `?` (matters for the day-of-month / day-of-week rule). */
  star: boolean;
}

export type CronSchedule =
  | { kind: "fields"; minute: CronField; hour: CronField; dom: CronField; month: CronField; dow: CronField; timeZone?: string }
  | { kind: "every"; seconds: number };

function mustParseInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function intOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

function parseRange(expr: string, b: Bounds, into: CronField) {
  const rangeAndStep = expr.split("/");
  const lowHigh = rangeAndStep[0].split("-");
  let start: number;
  let end: number;
  let star = false;
  if (lowHigh[0] === "*" || lowHigh[0] === "?") {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = intOrName(lowHigh[0], b);
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) end = intOrName(lowHigh[1], b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (lowHigh.length === 1) end = b.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  into.star ||= star;
}

function parseField(text: string, b: Bounds): CronField {
  const f: CronField = { values: new Set(), star: false };
  for (const part of text.split(",")) parseRange(part, b, f);
  return f;
}

const descriptors: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const durationUnits: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

function parseDuration(s: string): number {
  const re = /([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * durationUnits[m[2]];
    consumed += m[0].length;
  }
  if (s === "" || consumed !== s.length) throw new CronError(`failed to parse duration ${s}: time: invalid duration "${s}"`);
  return total;
}

/** Parse a schedule; throws CronError with the library's message. */
export function parseCron(spec: string): CronSchedule {
  if (spec.length === 0) throw new CronError("empty spec string");
  let timeZone: string | undefined;
  let rest = spec;
  const tz = /^(CRON_TZ|TZ)=(\S*)\s*/.exec(spec);
  if (tz) {
    timeZone = tz[2];
    if (!isTimeZone(timeZone)) throw new CronError(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
    rest = spec.slice(tz[0].length);
  }
  if (rest.startsWith("@")) {
    if (rest.startsWith("@every ")) return { kind: "every", seconds: Math.max(1, Math.floor(parseDuration(rest.slice(7).trim()))) };
    const expanded = descriptors[rest];
    if (!expanded) throw new CronError(`unrecognized descriptor: ${rest}`);
    rest = expanded;
  }
  const fields = rest.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, fieldBounds[i]));
  return { kind: "fields", minute, hour, dom, month, dow, timeZone };
}

export function isTimeZone(tz: string): boolean {
  if (!tz || tz === "Local") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function dayMatches(s: Extract<CronSchedule, { kind: "fields" }>, d: Date): boolean {
  const domMatch = s.dom.values.has(d.getUTCDate());
  const dowMatch = s.dow.values.has(d.getUTCDay());
  return s.dom.star || s.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
}

/** The first firing time strictly after `after` (UTC fields), or undefined within ~5 years. */
export function nextAfter(s: CronSchedule, after: Date): Date | undefined {
  if (s.kind === "every") return new Date(Math.floor(after.getTime() / 1000) * 1000 + s.seconds * 1000);
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!s.month.values.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
    } else if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
    } else if (!s.hour.values.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
    } else if (!s.minute.values.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
    } else {
      return t;
    }
  }
  return undefined;
}
