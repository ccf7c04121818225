import { describe, expect, test } from "bun:test";
import { humanDuration, rfc3339, since } from "./duration.ts";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("humanDuration", () => {
  const cases: [number, string][] = [
    [0, "0s"],
    [-1 * S, "0s"],
    [-1.5 * S, "0s"],
    [-2 * S, "<invalid>"],
    [1 * S, "1s"],
    [5 * S, "5s"],
    [70 * S, "70s"],
    [119 * S, "119s"],
    [120 * S, "2m"],
    [123 * S, "2m3s"],
    [190 * S, "3m10s"],
    [9 * M + 59 * S, "9m59s"],
    [10 * M, "10m"],
    [10 * M + 30 * S, "10m"],
    [70 * M, "70m"],
    [179 * M, "179m"],
    [3 * H, "3h"],
    [3 * H + 5 * M, "3h5m"],
    [7 * H + 59 * M, "7h59m"],
    [8 * H + 30 * M, "8h"],
    [47 * H, "47h"],
    [48 * H, "2d"],
    [49 * H, "2d1h"],
    [2 * D + 3 * H, "2d3h"],
    [7 * D + 23 * H, "7d23h"],
    [8 * D + 2 * H, "8d"],
    [367 * D, "367d"],
    [729 * D, "729d"],
    [365 * 2 * D + 25 * H, "2y1d"],
    [3 * 365 * D, "3y"],
    [365 * 8 * D + 2 * H, "8y"],
    [20 * 365 * D, "20y"],
  ];
  for (const [ms, want] of cases) {
    test(`${ms} ms prints as ${want}`, () => expect(humanDuration(ms)).toBe(want));
  }
});

describe("since", () => {
  const now = new Date("2025-01-01T12:00:00Z");
  test("a missing timestamp is <unknown>", () => {
    expect(since(undefined, now)).toBe("<unknown>");
    expect(since(null, now)).toBe("<unknown>");
    expect(since("", now)).toBe("<unknown>");
  });
  test("a timestamp in the past is its age", () => expect(since("2025-01-01T11:55:00Z", now)).toBe("5m"));
  test("a timestamp one second ahead is tolerated as 0s", () => expect(since("2025-01-01T12:00:01Z", now)).toBe("0s"));
  test("a timestamp far in the future is <invalid>", () => expect(since("2025-01-01T12:10:00Z", now)).toBe("<invalid>"));
});

test("rfc3339 prints UTC with second precision", () => {
  expect(rfc3339("2025-01-01T12:00:00.123+02:00")).toBe("2025-01-01T10:00:00Z");
});
