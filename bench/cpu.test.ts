import { expect, test } from "bun:test";
import { cpuSince, cpuSnapshot } from "./cpu.ts";

test("machine CPU use is the busy share of all CPUs' jiffies times the CPU count", () => {
  const before = { at: 0, busy: 100, total: 1000, cpus: 2, self: 1 };
  const after = { at: 2000, busy: 600, total: 2000, cpus: 2, self: 2 };
  expect(cpuSince(before, after)).toEqual({ seconds: 2, machine: 1, bench: 0.5 });
});

test("a real snapshot counts at least one CPU and busy jiffies never exceed the total", () => {
  const s = cpuSnapshot();
  expect(s.cpus).toBeGreaterThan(0);
  expect(s.busy).toBeLessThanOrEqual(s.total);
});
