import { expect, test } from "bun:test";
import { scaleMethod } from "./scale-method.ts";
import type { ScaleRun } from "./scale-report.ts";
import type { ScalePlan } from "./scale-run.ts";
import { summarize } from "./stats.ts";

const plan: ScalePlan = { podsPerNode: 30, podsPerSecond: 10, perDeployment: 10, joinTimeoutSeconds: 180, runningWaitSeconds: 60, settleSeconds: 5, steadySeconds: 60, probeEveryMs: 100, listLimit: 500, sharedWatch: true };

test("the method notes state the load and each run's steady-state writes per store write", () => {
  const run = {
    nodes: 100, podsRequested: 3_000, podsRunning: 3_000, rampSeconds: 300, startup: summarize([1]), api: { get: summarize([1]), list: summarize([2]), errors: 0 },
    server: { rssPeakBytes: 2e8, rssEndBytes: 2e8, rampCpus: 0.5 }, sim: { rssPeakBytes: 1e8, rampCpus: 0.2, sharedWatch: true },
    steady: { windowSeconds: 60, writeBytes: 600_000, serverCpuSeconds: 3, storeWrites: 600 },
  } as ScaleRun;
  const notes = scaleMethod(plan, [run]);
  expect(notes.join("\n")).toContain("one per 1 s, i.e. pods asked for at 10 pods/s, until 30 pods per node");
  expect(notes.at(-1)).toContain("600,000 bytes written for 600 store writes (resourceVersion advance, 1,000 bytes each; 100 nodes × 6 lease renewals = 600)");
});
