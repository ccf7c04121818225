import { expect, test } from "bun:test";
import { ANCHORS, headline, latencyMatrix, score, type Measurements } from "./figures.ts";
import { formatRatio, formatValue, othersAverage, toJson, toMarkdown, type Results } from "./report.ts";

const meta: Results["meta"] = {
  date: "2025-01-01T00:00:00.000Z",
  commit: "abc1234",
  dirty: false,
  host: { cpu: "Test CPU", cores: 2, memoryGB: 4, kernel: "6.1" },
  bun: "1.4.4",
  binary: { path: "dist/kubun", mtime: "2025-01-01T00:00:00.000Z", built: false },
  durationSeconds: 200,
};
const summary = (p50: number, p99: number) => ({ count: 100, p50, p99, max: p99 + 1, mean: p50 });
const measured: Measurements = {
  writes: { clients: 64, seconds: 10, groupCommit: 2_100, perWrite: 140, errors: 0 },
  latency: (["create", "get", "list", "patch"] as const).flatMap((verb) => [1, 50].map((clients) => ({ verb, clients, summary: summary(1, clients === 50 ? 60 : 5), errors: 0 }))),
  watch: { watchers: 1000, events: 20, p99: 12, missed: 0 },
  rss: { idleBytes: 80e6, loaded: { bytes: 140e6, objects: 10_000 } },
  ready: { freshMs: 300, restartMs: 1_200, restartObjects: 10_000 },
  idleDisk: { windowSeconds: 30, writeBytes: 0 },
};

test("a higher-is-better figure is its value over the anchor and passes at or above the goal", () => {
  const s = score({ id: "w", title: "w", unit: "writes/s", better: "higher", value: 2_100, anchor: ANCHORS.kineWrites, goal: 2_000 });
  expect(s.vsAnchor).toBe(30);
  expect(s.goalMet).toBe(true);
});

test("a lower-is-better figure is the anchor over its value, and zero beats any anchor", () => {
  expect(score({ id: "l", title: "l", unit: "ms", better: "lower", value: 50, anchor: ANCHORS.mutatingSlo, goal: 50 })).toMatchObject({ vsAnchor: 20, goalMet: true });
  expect(score({ id: "d", title: "d", unit: "bytes/min", better: "lower", value: 0, anchor: ANCHORS.k3sIdleDisk, goal: 0 })).toMatchObject({ vsAnchor: Infinity, goalMet: true });
  expect(score({ id: "d", title: "d", unit: "bytes/min", better: "lower", value: 1, goal: 0 })).toMatchObject({ vsAnchor: null, goalMet: false });
});

test("a figure that was not measured has no ratio and no mark", () => {
  expect(score({ id: "x", title: "x", unit: "ms", better: "lower", value: null, goal: 50 })).toMatchObject({ vsAnchor: null, goalMet: null });
});

test("the headline lists every figure of the issue, with misses marked as misses", () => {
  const figs = headline(measured, () => "skipped");
  expect(figs.map((f) => f.id)).toEqual(["writes.groupCommit", "writes.perWrite", "writes.speedup", "latency.create.50", "latency.get.50", "latency.list.50", "latency.patch.50", "watch.p99", "rss.idle", "rss.loaded", "ready.fresh", "ready.restart", "disk.idle"]);
  const byId = Object.fromEntries(figs.map((f) => [f.id, f]));
  expect(byId["writes.speedup"]!.value).toBe(15);
  expect(byId["latency.create.50"]!.goalMet).toBe(false);
  expect(byId["ready.restart"]!.goalMet).toBe(false);
  expect(byId["rss.idle"]).toMatchObject({ value: 80, goalMet: true, vsAnchor: 17.5 });
  expect(byId["disk.idle"]).toMatchObject({ value: 0, goalMet: true });
});

test("phases that did not run still appear, as not measured with the reason", () => {
  const figs = headline({}, (phase) => `phase ${phase} failed`);
  expect(figs.find((f) => f.id === "watch.p99")).toMatchObject({ value: null, note: "phase watch failed", goalMet: null });
});

test("the latency goal applies only at 50 clients", () => {
  const cells = latencyMatrix(measured.latency!);
  expect(cells.find((c) => c.verb === "get" && c.clients === 1)!.scored.goal).toBeUndefined();
  expect(cells.find((c) => c.verb === "get" && c.clients === 50)!.scored.goal).toBe(50);
});

test("values are printed with their unit and ratios say which way they go", () => {
  expect(formatValue(0.4567, "ms")).toBe("0.46 ms");
  expect(formatValue(12.34, "ms")).toBe("12.3 ms");
  expect(formatValue(1234.5, "ms")).toBe("1,235 ms");
  expect(formatValue(2100.4, "writes/s")).toBe("2,100 writes/s");
  expect(formatValue(15, "×")).toBe("15×");
  expect(formatValue(14.96, "×")).toBe("15.0×");
  expect(formatValue(null, "ms")).toBe("not measured");
  expect(formatValue(Infinity, "ms")).toBe("∞ ms");
  expect(formatRatio(30)).toBe("30× better");
  expect(formatRatio(2.5)).toBe("2.5× better");
  expect(formatRatio(0.5)).toBe("0.50× (worse)");
  expect(formatRatio(Infinity)).toBe("∞ (none vs some)");
});

test("the Markdown has a figures row per figure with anchor, goal, ratio and mark, and the latency matrix", () => {
  const r: Results = { meta, figures: headline(measured, () => ""), latency: latencyMatrix(measured.latency!), method: ["closed loop"], phases: [{ phase: "watch", seconds: 3.14, machineCpus: 1.5, benchCpus: 0.5, serverCpus: 0.25 }], problems: [], details: {} };
  const md = toMarkdown(r);
  expect(md).toContain("| Durable writes/s through the API, group commit (64 clients) | 2,100 writes/s | kine ≈ 60–70 writes/s | ≥ 2,000 writes/s | 30× better | pass |");
  expect(md).toContain("| create p99 latency at 50 clients | 60 ms | Kubernetes SLO: mutating calls p99 ≤ 1 s | ≤ 50 ms | 17× better | **miss** |");
  expect(md).toContain("| Disk bytes written per minute while idle (30 s window) | 0 bytes/min | k3s writes 6–11 kB/s idle | ≤ 0 bytes/min | ∞ (none vs some) | pass |");
  expect(md).toContain("| list | 50 | 100 | 0 | 1 ms | 60 ms | 61 ms |");
  expect(md).toContain("- closed loop");
  expect(md).toContain("| watch | 3.1 | 1.50 | 0.50 | 0.25 | 0.75 |");
  expect(md).not.toContain("Problems in this run");
});

test("the JSON keeps infinite values as the string Infinity", () => {
  const r: Results = { meta, figures: [score({ id: "w", title: "w", unit: "ms", better: "lower", value: Infinity, goal: 50 })], latency: [], method: [], phases: [], problems: [], details: {} };
  expect(JSON.parse(toJson(r)).figures[0].value).toBe("Infinity");
});

test("other processes' CPU is what the machine used beyond bench and servers, weighted by phase length", () => {
  const p = (seconds: number, machineCpus: number) => ({ phase: "p", seconds, machineCpus, benchCpus: 0.25, serverCpus: 0.25 });
  expect(othersAverage([p(1, 2), p(3, 0.5)])).toBe(0.375);
  expect(othersAverage([])).toBe(0);
});
