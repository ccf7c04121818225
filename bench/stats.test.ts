import { expect, test } from "bun:test";
import { percentile, summarize } from "./stats.ts";

const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

test("the nearest-rank p50 and p99 of 1..100 are 50 and 99", () => {
  expect(percentile(hundred, 50)).toBe(50);
  expect(percentile(hundred, 99)).toBe(99);
  expect(percentile(hundred, 100)).toBe(100);
});

test("p0 is the smallest sample and a single sample is every percentile", () => {
  expect(percentile(hundred, 0)).toBe(1);
  expect(percentile([7], 0)).toBe(7);
  expect(percentile([7], 99)).toBe(7);
});

test("with fewer than 100 samples p99 is the largest one, never an interpolation", () => {
  expect(percentile([1, 2, 3, 1000], 99)).toBe(1000);
  expect(percentile([1, 2, 3, 1000], 50)).toBe(2);
});

test("a percentile of no samples is NaN and a p outside 0–100 is refused", () => {
  expect(percentile([], 50)).toBeNaN();
  expect(() => percentile(hundred, 101)).toThrow("p must be within 0–100, got 101");
  expect(() => percentile(hundred, NaN)).toThrow("got NaN");
});

test("summarize sorts a copy, keeps every sample and reports count, p50, p99, max and mean", () => {
  const samples = [5, 1, 4, 2, 3];
  expect(summarize(samples)).toEqual({ count: 5, p50: 3, p99: 5, max: 5, mean: 3 });
  expect(samples).toEqual([5, 1, 4, 2, 3]);
});

test("summarize of nothing has count 0 and NaN figures", () => {
  const s = summarize([]);
  expect(s.count).toBe(0);
  expect(s.p99).toBeNaN();
  expect(s.mean).toBeNaN();
});
