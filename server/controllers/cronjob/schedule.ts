// When a CronJob fires: its schedule (5 fields or an @-descriptor, parsed by the API's cron.ts)
// evaluated in spec.timeZone (default UTC, as kubun's controller runs in UTC), the most recent
// missed time since the last run, and how long until the next one.
//
// Time zones use the IANA database through Intl. The fields are matched against the zone's wall
// clock. Limits: a wall time that a DST jump skips runs at the first instant after the jump (e.g.
// 02:30 becomes 03:30); a wall time that happens twice runs at its first occurrence only.
import type { CronJob } from "kubernetes-types/batch/v1";
import { nextAfter, parseCron, type CronSchedule } from "../../api/strategy/cron.ts";

export interface Schedule {
  /** The first firing strictly after `afterMs`, or undefined when none within ~5 years. */
  next(afterMs: number): number | undefined;
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset (ms) at an instant. */
export function zoneOffset(tz: string, ms: number): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

const isUtc = (tz: string | undefined) => !tz || tz === "UTC" || tz === "Etc/UTC";

/** The instant a wall-clock time (encoded as a UTC ms value) denotes in `tz`. */
function fromWall(wall: number, tz: string): number {
  const a = wall - zoneOffset(tz, wall);
  const b = wall - zoneOffset(tz, a);
  const matches = [a, b].filter((t) => t + zoneOffset(tz, t) === wall);
  if (matches.length) return Math.min(...matches);
  return Math.max(a, b); // skipped by a DST jump: the first instant after it
}

function zonedNext(s: CronSchedule, after: number, tz: string | undefined): number | undefined {
  if (s.kind === "every" || isUtc(tz)) return nextAfter(s, new Date(after))?.getTime();
  let wall = after + zoneOffset(tz!, after);
  for (let i = 0; i < 8; i++) {
    const w = nextAfter(s, new Date(wall))?.getTime();
    if (w === undefined) return undefined;
    const t = fromWall(w, tz!);
    if (t > after) return t;
    wall = w;
  }
  return undefined;
}

/** The CronJob's schedule; throws CronError (with the library's message) when unparseable. */
export function scheduleOf(cj: CronJob): Schedule {
  const parsed = parseCron(cj.spec?.schedule ?? "");
  const timeZone = cj.spec?.timeZone ?? (parsed.kind === "fields" ? parsed.timeZone : undefined);
  return { timeZone, next: (after) => zonedNext(parsed, after, timeZone) };
}

/** RFC 3339 in the schedule's zone, as the cronjob-scheduled-timestamp annotation. */
export function formatInZone(ms: number, tz: string | undefined): string {
  const off = isUtc(tz) ? 0 : zoneOffset(tz!, ms);
  const local = new Date(ms + off).toISOString().replace(/\.\d{3}Z$/, "");
  if (!off) return `${local}Z`;
  const m = Math.round(Math.abs(off) / 60_000);
  return `${local}${off < 0 ? "-" : "+"}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export interface RecentTimes {
  /** Where counting starts: the last schedule time, the creation time, or now − startingDeadlineSeconds. */
  earliest: number;
  /** The latest firing time at or before now that is not yet run. */
  mostRecent?: number;
  /** How many firing times were missed since `earliest` (capped at MAX_COUNTED). */
  missed: number;
}

const MAX_COUNTED = 100_000;

export function mostRecentScheduleTime(cj: CronJob, now: number, sched: Schedule): RecentTimes {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? new Date(now).toISOString());
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null) earliest = Math.max(earliest, now - sds * 1000);
  if (earliest > now) return { earliest, missed: 0 };
  let missed = 0;
  let mostRecent: number | undefined;
  for (let t = sched.next(earliest); t !== undefined && t <= now; t = sched.next(t)) {
    mostRecent = t;
    if (++missed >= MAX_COUNTED) break;
  }
  return { earliest, mostRecent, missed };
}

/** Milliseconds until the next firing after the most recent one (plus upstream's 100 ms). */
export function nextScheduleDelay(cj: CronJob, now: number, sched: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, sched);
  const from = r.mostRecent ?? (r.missed === 0 ? r.earliest : now);
  const next = sched.next(from);
  return next === undefined ? undefined : Math.max(0, next + 100 - now);
}
