import { describe, expect, test } from "bun:test";
import type { CronJob } from "kubernetes-types/batch/v1";
import { formatInZone, mostRecentScheduleTime, nextScheduleDelay, scheduleOf, zoneOffset } from "./schedule.ts";

const at = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const cron = (schedule: string, extra: Partial<CronJob["spec"]> = {}, status: CronJob["status"] = {}, created = "2025-01-01T00:00:00Z"): CronJob => ({
  metadata: { name: "c", creationTimestamp: created },
  spec: { schedule, jobTemplate: { spec: { template: {} } }, ...extra },
  status,
});

describe("CronJob schedules", () => {
  test("five fields and macros fire in UTC by default", () => {
    expect(iso(scheduleOf(cron("*/15 * * * *")).next(at("2025-01-01T10:07:00Z")))).toBe("2025-01-01T10:15:00.000Z");
    expect(iso(scheduleOf(cron("@hourly")).next(at("2025-01-01T10:00:00Z")))).toBe("2025-01-01T11:00:00.000Z");
    expect(iso(scheduleOf(cron("0 9 * * 1")).next(at("2025-01-01T00:00:00Z")))).toBe("2025-01-06T09:00:00.000Z");
  });

  test("a fixed-offset zone shifts the wall clock the fields match", () => {
    const s = scheduleOf(cron("0 9 * * *", { timeZone: "Asia/Tokyo" }));
    expect(iso(s.next(at("2025-01-01T00:00:00Z")))).toBe("2025-01-02T00:00:00.000Z");
    expect(zoneOffset("Asia/Tokyo", at("2025-06-01T00:00:00Z"))).toBe(9 * 3600_000);
    expect(formatInZone(at("2025-01-02T00:00:00Z"), "Asia/Tokyo")).toBe("2025-01-02T09:00:00+09:00");
    expect(formatInZone(at("2025-01-02T00:00:00Z"), undefined)).toBe("2025-01-02T00:00:00Z");
    expect(formatInZone(at("2025-01-02T00:00:00Z"), "America/New_York")).toBe("2025-01-01T19:00:00-05:00");
  });

  test("a zone with DST follows its wall clock; a skipped time runs after the jump", () => {
    const s = scheduleOf(cron("30 2 * * *", { timeZone: "America/New_York" }));
    expect(iso(s.next(at("2025-01-01T12:00:00Z")))).toBe("2025-01-02T07:30:00.000Z");
    expect(iso(s.next(at("2025-07-01T12:00:00Z")))).toBe("2025-07-02T06:30:00.000Z");
    // 2025-03-09 02:30 does not exist in New York: it runs at 03:30 EDT.
    expect(iso(s.next(at("2025-03-09T05:00:00Z")))).toBe("2025-03-09T07:30:00.000Z");
  });

  test("the most recent missed time counts from the last schedule time, bounded by startingDeadlineSeconds", () => {
    const c = cron("* * * * *", {}, { lastScheduleTime: "2025-01-01T00:05:00Z" });
    const r = mostRecentScheduleTime(c, at("2025-01-01T00:08:30Z"), scheduleOf(c));
    expect(iso(r.mostRecent)).toBe("2025-01-01T00:08:00.000Z");
    expect(r.missed).toBe(3);
    const d = cron("* * * * *", { startingDeadlineSeconds: 90 }, { lastScheduleTime: "2025-01-01T00:05:00Z" });
    expect(mostRecentScheduleTime(d, at("2025-01-01T00:08:30Z"), scheduleOf(d)).missed).toBe(1);
  });

  test("the next wake-up is the slot after the most recent one, plus 100 ms", () => {
    const c = cron("*/5 * * * *", {}, {}, "2025-01-01T00:01:00Z");
    expect(nextScheduleDelay(c, at("2025-01-01T00:02:00Z"), scheduleOf(c))).toBe(3 * 60_000 + 100);
  });
});
