import { expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toJson, type Results } from "./report.ts";
import { isBenchResults, jsonText, mergeScale, previousScale, reviveNumbers, runFigures, scaleMarkdown, type ScaleResults, type ScaleRun } from "./scale-report.ts";
import { summarize } from "./stats.ts";

const run = (over: Partial<ScaleRun> = {}): ScaleRun => ({
  nodes: 100, podsPerNode: 30, targetPods: 3_000, podsRequested: 3_000, podsSeen: 3_000, podsRunning: 3_000, joinSeconds: 10, rampSeconds: 300,
  startup: summarize([300, 400, 1_500]), scheduler: { averagePerSecond: 10, peakPerSecond: 30 },
  api: { get: summarize([2, 60]), list: summarize([5, 40]), errors: 0 },
  server: { rssPeakBytes: 250e6, rssEndBytes: 240e6, rampCpus: 0.5 }, sim: { rssPeakBytes: 90e6, rampCpus: 0.2, sharedWatch: true },
  steady: { windowSeconds: 60, writeBytes: 100 * 150 }, phases: [{ phase: "ramp", seconds: 300, machineCpus: 1.9, benchCpus: 0.1, serverCpus: 0.5, simCpus: 0.2 }], problems: [], ...over,
} as ScaleRun);

const scale = (runs: ScaleRun[]): ScaleResults => ({
  meta: { date: "2026-01-01T00:00:00.000Z", commit: "abc1234", dirty: false, host: { cpu: "Test CPU", cores: 2, memoryGB: 4, kernel: "6.1" }, bun: "1.4.4", binary: "dist/kubun", durationSeconds: 600 },
  plan: {}, runs, figures: runs.flatMap(runFigures), method: ["how"],
});

test("a run's figures score startup, API, RSS and disk against their anchors and goals", () => {
  const f = Object.fromEntries(runFigures(run()).map((x) => [x.id, x]));
  expect(f["scale.100.startup.p99"]).toMatchObject({ value: 1_500, vsAnchor: 5_000 / 1_500, goalMet: false });
  expect(f["scale.100.api.get.p99"]).toMatchObject({ value: 60, goalMet: false });
  expect(f["scale.100.api.list.p99"]).toMatchObject({ value: 40, goalMet: true });
  expect(f["scale.100.rss.peak"]).toMatchObject({ value: 250, goalMet: true });
  expect(f["scale.100.disk.perNodeMinute"]).toMatchObject({ value: 150, goalMet: true });
});

test("a partial run says so in every title, and a run without a steady window has no disk figure", () => {
  const figures = runFigures(run({ nodes: 500, targetPods: 15_000, podsRunning: 1_200, partial: "ramp capped at 120 s", steady: undefined }));
  expect(figures.every((f) => f.title.includes("partial: 1,200 of 15,000 pods"))).toBe(true);
  expect(figures.find((f) => f.id === "scale.500.disk.perNodeMinute")).toMatchObject({ value: null, goalMet: null });
});

test("merging keeps every key of bench/results.json and replaces only `scale`", () => {
  const existing = { meta: { date: "x" }, figures: [{ id: "writes.groupCommit" }], scale: { old: true } };
  const merged = mergeScale(existing, scale([run()]));
  expect(merged.meta).toEqual({ date: "x" });
  expect(merged.figures).toEqual([{ id: "writes.groupCommit" }]);
  expect((merged.scale as ScaleResults).runs.length).toBe(1);
  expect(Object.keys(mergeScale(undefined, scale([])))).toEqual(["scale"]);
  expect(Object.keys(mergeScale([1, 2], scale([])))).toEqual(["scale"]);
});

test("results.json read back gets its Infinity back, and only a whole bench report counts as one", () => {
  const r = { meta: {}, figures: [{ vsAnchor: Infinity }], latency: [], method: [], phases: [], problems: [], details: {} } as unknown as Results;
  const back = JSON.parse(toJson(r), reviveNumbers);
  expect(back.figures[0].vsAnchor).toBe(Infinity);
  expect(isBenchResults(back)).toBe(true);
  expect(isBenchResults({ scale: {} })).toBe(false);
  expect(isBenchResults(null)).toBe(false);
});

test("the Scale section has the figure table, the runs, the method and the CPU of server, sim and others", () => {
  const md = scaleMarkdown(scale([run(), run({ nodes: 500, partial: "ramp capped at 120 s", problems: ["3 API probe errors"] })]));
  expect(md).toStartWith("## Scale\n");
  expect(md).toContain("| Pod startup p99, create → Running seen by a watch (100 nodes × 30 pods) | 1,500 ms | Kubernetes SLO: pod startup p99 ≤ 5 s | ≤ 1,000 ms | 3.3× better | **miss** |");
  expect(md).toContain("| Disk bytes written per node per minute, steady state (100 nodes × 30 pods, 60 s window) | 150 B/node/min | — | ≤ 200 B/node/min | — | pass |");
  expect(md).toContain("partial: ramp capped at 120 s");
  expect(md).toContain("| 100 nodes | ramp | 300.0 | 1.90 | 0.10 | 0.50 | 0.20 | 1.10 |");
  expect(md).toContain("- 500 nodes: 3 API probe errors");
  expect(md).toContain("- how");
});

test("the scale figures written with jsonText are read back whole by previousScale", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-scale-test-"));
  try {
    const path = join(dir, "results.json");
    const s = scale([run({ steady: { windowSeconds: 60, writeBytes: 0, serverCpuSeconds: 0 }, server: { rssPeakBytes: 1, rssEndBytes: 1, rampCpus: 0 } })]);
    writeFileSync(path, jsonText(mergeScale({ meta: { date: "x" } }, s)));
    const back = previousScale(path)!;
    expect(back.runs[0]!.startup.p99).toBe(1_500);
    expect(back.figures.find((f) => f.id === "scale.100.rss.peak")!.value).toBe(1e-6);
    expect(previousScale(join(dir, "absent.json"))).toBeUndefined();
    writeFileSync(path, "{");
    expect(previousScale(path)).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
