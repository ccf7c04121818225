import { expect, test } from "bun:test";
import { runcFigures, runcMethod, type MemoryFigures, type RuncMeasurements } from "./runc-figures.ts";

const summary = (p50: number, p99: number) => ({ count: 100, p50, p99, max: p99, mean: p50 });
const mem = (totalRssBytes: number, totalPssBytes: number, helpers = 0): MemoryFigures => ({ agentRssBytes: 40e6, agentPssBytes: 35e6, helperRssBytes: totalRssBytes - 40e6, helperPssBytes: totalPssBytes - 35e6, helpers, totalRssBytes, totalPssBytes });
const measured: RuncMeasurements = {
  startup: { pods: 100, perSecond: 10, running: 100, summary: summary(300, 900) },
  overhead: { runs: 20, bare: summary(80, 120), kubun: summary(250, 400) },
  memory: { idle: mem(50e6, 40e6), loaded: { ...mem(410e6, 130e6, 60), pods: 30 } },
};

test("every runc figure is there, scored against its anchor and goal", () => {
  const figs = Object.fromEntries(runcFigures(measured, () => "skipped").map((f) => [f.id, f]));
  expect(Object.keys(figs)).toEqual(["runc.startup.p50", "runc.startup.p99", "runc.bare.p50", "runc.kubun.p50", "runc.overhead", "runc.agent.idle", "runc.agent.loaded", "runc.agent.perPod", "runc.agent.perPodPss"]);
  expect(figs["runc.startup.p99"]).toMatchObject({ value: 900, goalMet: true });
  expect(figs["runc.startup.p99"]!.vsAnchor).toBeCloseTo(4100 / 900);
  expect(figs["runc.overhead"]).toMatchObject({ value: 170, goalMet: false });
  expect(figs["runc.agent.idle"]).toMatchObject({ value: 50, goalMet: true, vsAnchor: 1.4 });
  expect(figs["runc.agent.perPod"]).toMatchObject({ value: 12, goalMet: false });
  expect(figs["runc.agent.perPodPss"]!.value).toBe(3);
});

test("a phase that failed leaves its figures not measured, with the reason", () => {
  const figs = runcFigures(undefined, () => "runc: runc is not installed");
  expect(figs.map((f) => f.id)).toEqual(["runc.startup.p99", "runc.overhead", "runc.agent.idle"]);
  expect(figs.every((f) => f.value === null && f.note === "runc: runc is not installed" && f.goalMet === null)).toBe(true);
});

test("a startup run where some pods never ran reports no percentile", () => {
  const figs = runcFigures({ startup: { pods: 100, perSecond: 10, running: 97, summary: summary(300, 900) } }, () => "x");
  expect(figs[0]).toMatchObject({ id: "runc.startup.p99", value: null, note: "only 97 of 100 pods reached Running" });
});

test("the method note carries the plan and the run's own numbers", () => {
  const text = runcMethod({ startupPods: 100, podsPerSecond: 10, overheadRuns: 20, memoryPods: 30, settleSeconds: 5 }, measured);
  expect(text).toContain("100 pods are POSTed 100 ms apart");
  expect(text).toContain("With 30 pods: agent 40.0 MB RSS, 60 helper processes 370.0 MB RSS");
});
