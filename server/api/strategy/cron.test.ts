import { describe, expect, test } from "bun:test";
import { CronError, nextAfter, parseCron } from "./cron.ts";

describe("parseCron", () => {
  const valid = [
    "* * * * *",
    "*/5 * * * *",
    "0 0 * * 0",
    "0 9-17 * * mon-fri",
    "15,45 * 1 jan,jul *",
    "0 0 ? * *",
    "5/15 * * * *",
    "@hourly",
    "@daily",
    "@midnight",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
    "@every 1h30m",
  ];
  test.each(valid)("accepts %p", (s) => {
    expect(() => parseCron(s)).not.toThrow();
  });

  const invalid: [string, string][] = [
    ["", "empty spec string"],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["* 5-2 * * *", "beginning of range (5) beyond end of range (2): 5-2"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["*/2/3 * * * *", "too many slashes: */2/3"],
    ["@often", "unrecognized descriptor: @often"],
    ["@every soon", 'failed to parse duration soon: time: invalid duration "soon"'],
  ];
  test.each(invalid)("rejects %p: %p", (s, message) => {
    expect(() => parseCron(s)).toThrow(CronError);
    expect(() => parseCron(s)).toThrow(message);
  });
});

describe("nextAfter", () => {
  const at = (s: string) => new Date(s);
  const cases: [string, string, string][] = [
    ["*/5 * * * *", "2026-01-01T00:02:30Z", "2026-01-01T00:05:00.000Z"],
    ["0 * * * *", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00.000Z"],
    ["@daily", "2026-01-01T12:00:00Z", "2026-01-02T00:00:00.000Z"],
    ["0 9 * * mon", "2026-01-01T00:00:00Z", "2026-01-05T09:00:00.000Z"],
    ["0 0 31 * *", "2026-02-01T00:00:00Z", "2026-03-31T00:00:00.000Z"],
    ["0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00.000Z"],
    ["@every 90s", "2026-01-01T00:00:00Z", "2026-01-01T00:01:30.000Z"],
  ];
  test.each(cases)("%p after %p fires at %p", (spec, after, want) => {
    expect(nextAfter(parseCron(spec), at(after))?.toISOString()).toBe(want);
  });

  test("a schedule that never fires gives undefined", () => {
    expect(nextAfter(parseCron("0 0 30 2 *"), at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });
});
