import { expect, test } from "bun:test";
import { parseDuration } from "./duration.ts";

test("durations read like Go's: units combine and fractions are allowed", () => {
  expect(parseDuration("200ms")).toBe(200);
  expect(parseDuration("1s")).toBe(1000);
  expect(parseDuration("1.5s")).toBe(1500);
  expect(parseDuration("2m30s")).toBe(150_000);
  expect(parseDuration("0")).toBe(0);
});

test("a duration without a unit or with junk is refused with the rule", () => {
  for (const bad of ["200", "1x", "", "s", "1s junk"]) expect(() => parseDuration(bad)).toThrow("must be a number with a unit");
});
