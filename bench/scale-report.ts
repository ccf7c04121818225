// The scale bench's figures (each with anchor, goal, ratio and mark, as `bun run bench`'s), their
// Markdown section, and the merge into bench/results.json under a `scale` key that leaves the
// figures of `bun run bench` as they are.
import { readFileSync } from "node:fs";
import { ANCHORS as BENCH_ANCHORS, GOALS as BENCH_GOALS, score, type Anchor, type Figure, type Scored } from "./figures.ts";
import { formatGoal, formatMark, formatRatio, formatValue, type Results } from "./report.ts";
import type { Summary } from "./stats.ts";

export const SCALE_ANCHORS = {
  podStartupSlo: { value: 5_000, text: "Kubernetes SLO: pod startup p99 ≤ 5 s" },
  k0sRss: { value: 2_300, text: "k0s controller 2.3 GB at 100 nodes / 10k pods" },
} satisfies Record<string, Anchor>;

export const SCALE_GOALS = { startupP99Ms: 1_000, rssMB: 500, diskBytesPerNodeMinute: 200 };

export interface ScalePhaseCpu {
  phase: string;
  seconds: number;
  machineCpus: number;
  benchCpus: number;
  serverCpus: number;
  simCpus: number;
}

export interface ScaleRun {
  nodes: number;
  podsPerNode: number;
  /** Pods the full run asks for (nodes × podsPerNode). */
  targetPods: number;
  /** Pods asked for through Deployments before the ramp ended (all, or up to the time cap). */
  podsRequested: number;
  podsSeen: number;
  podsRunning: number;
  /** Why the run is short of its target, if it is. */
  partial?: string;
  joinSeconds: number;
  rampSeconds: number;
  startup: Summary;
  scheduler: { averagePerSecond: number; peakPerSecond: number };
  api: { get: Summary; list: Summary; errors: number; firstError?: string };
  server: { rssPeakBytes: number; rssEndBytes: number; rampCpus: number };
  sim: { rssPeakBytes: number; rampCpus: number; sharedWatch: boolean };
  steady?: { windowSeconds: number; writeBytes: number; serverCpuSeconds: number; /** Store revisions (writes) in the window; NaN if unknown. */ storeWrites?: number };
  phases: ScalePhaseCpu[];
  problems: string[];
}

export interface ScaleResults {
  meta: Omit<Results["meta"], "binary"> & { binary: string };
  plan: Record<string, unknown>;
  runs: ScaleRun[];
  figures: Scored[];
  method: string[];
}

const MB = 1e6;

/** The figures of one run, in report order. */
export function runFigures(r: ScaleRun): Scored[] {
  const at = `${r.nodes} nodes${r.partial ? `, partial: ${r.podsRunning.toLocaleString("en-US")} of ${r.targetPods.toLocaleString("en-US")} pods` : ` × ${r.podsPerNode} pods`}`;
  const id = (s: string) => `scale.${r.nodes}.${s}`;
  const has = (s: Summary) => (s.count > 0 ? s.p99 : null);
  const out: Figure[] = [
    { id: id("startup.p50"), title: `Pod startup p50, create → Running seen by a watch (${at})`, unit: "ms", better: "lower", value: r.startup.count ? r.startup.p50 : null },
    { id: id("startup.p99"), title: `Pod startup p99, create → Running seen by a watch (${at})`, unit: "ms", better: "lower", value: has(r.startup), anchor: SCALE_ANCHORS.podStartupSlo, goal: SCALE_GOALS.startupP99Ms },
    { id: id("scheduler.average"), title: `Scheduler pods bound/s, average over the ramp (${at}; pods asked for at 10/s)`, unit: "pods/s", better: "higher", value: r.scheduler.averagePerSecond || null },
    { id: id("scheduler.peak"), title: `Scheduler pods bound/s, busiest second (${at})`, unit: "pods/s", better: "higher", value: r.scheduler.peakPerSecond || null },
    { id: id("api.get.p99"), title: `API GET ConfigMap p99 during the run (${at})`, unit: "ms", better: "lower", value: has(r.api.get), anchor: BENCH_ANCHORS.getSlo, goal: BENCH_GOALS.latencyP99Ms },
    { id: id("api.list.p99"), title: `API LIST pods (limit 500) p99 during the run (${at})`, unit: "ms", better: "lower", value: has(r.api.list), anchor: BENCH_ANCHORS.listSlo, goal: BENCH_GOALS.latencyP99Ms },
    { id: id("rss.peak"), title: `Server RSS, peak (${at})`, unit: "MB", better: "lower", value: r.server.rssPeakBytes ? r.server.rssPeakBytes / MB : null, anchor: SCALE_ANCHORS.k0sRss, goal: SCALE_GOALS.rssMB },
    { id: id("cpu.ramp"), title: `Server CPU during the ramp, CPUs (${at})`, unit: "CPUs", better: "lower", value: r.server.rampCpus },
  ];
  const s = r.steady;
  const diskTitle = `Disk bytes written per node per minute, steady state (${at}${s ? `, ${s.windowSeconds} s window` : ""})`;
  out.push({ id: id("disk.perNodeMinute"), title: diskTitle, unit: "B/node/min", better: "lower", value: s ? (s.writeBytes * 60) / s.windowSeconds / r.nodes : null, goal: SCALE_GOALS.diskBytesPerNodeMinute, ...(s ? {} : { note: "no steady-state window (see problems)" }) });
  return out.map(score);
}

/** bench/results.json with `scale` set; everything else in it is kept as it was. */
export function mergeScale(existing: unknown, scale: ScaleResults): Record<string, unknown> {
  const base = existing && typeof existing === "object" && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
  return { ...base, scale };
}

/** JSON text as toJson writes it: non-finite numbers spelled out instead of becoming null. */
export function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x), 2) + "\n";
}

/** JSON.parse reviver undoing toJson's spelling of non-finite numbers ("Infinity", "NaN"). */
export function reviveNumbers(_key: string, v: unknown): unknown {
  return v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v === "NaN" ? NaN : v;
}

/** The `scale` key of an existing bench/results.json, if it has one. */
export function previousScale(path: string): ScaleResults | undefined {
  try {
    const r = JSON.parse(readFileSync(path, "utf8"), reviveNumbers) as { scale?: ScaleResults };
    return r.scale && Array.isArray(r.scale.figures) ? r.scale : undefined;
  } catch {
    return undefined;
  }
}

/** True when the parsed results.json holds a `bun run bench` report that toMarkdown can render. */
export function isBenchResults(v: unknown): v is Results {
  const r = v as Partial<Results> | null;
  return !!r && typeof r === "object" && !!r.meta && Array.isArray(r.figures) && Array.isArray(r.latency) && Array.isArray(r.method) && Array.isArray(r.phases) && Array.isArray(r.problems);
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
}

function formatScaleValue(v: number | null, unit: string): string {
  return unit === "CPUs" && v !== null ? `${v.toFixed(2)} CPUs` : unit === "pods/s" && v !== null ? `${v.toFixed(1)} pods/s` : formatValue(v, unit);
}

/** The "Scale" section of bench/RESULTS.md. */
export function scaleMarkdown(s: ScaleResults): string {
  const m = s.meta;
  const lines = [
    "## Scale",
    "",
    `Generated by \`bun run bench:scale\` (bench/scale.ts) in a separate run: ${m.date}, duration ${Math.round(m.durationSeconds)} s, commit \`${m.commit}\`${m.dirty ? " (work tree had uncommitted changes)" : ""}, \`${m.binary}\`, Bun ${m.bun}, ${m.host.cpu}, ${m.host.cores} CPUs, ${m.host.memoryGB} GB RAM. The server, the simulated nodes (\`kubun sim\`) and this bench share the machine; the CPU table shows each one's share and what other processes took.`,
    "",
    row(["figure", "measured", "anchor", "goal", "vs anchor", "goal met"]),
    row(["---", "---:", "---", "---:", "---:", "---"]),
    ...s.figures.map((f) => row([f.title, formatScaleValue(f.value, f.unit), f.anchor?.text ?? "—", f.goal === undefined ? "—" : formatGoal(f), formatRatio(f.vsAnchor), formatMark(f)])),
  ];
  const notes = s.figures.filter((f) => f.note);
  if (notes.length) lines.push("", ...notes.map((f) => `- ${f.title}: ${f.note}`));
  lines.push("", "### Runs", "", row(["nodes", "pods asked for", "seen", "Running", "join", "ramp", "startup p50 / p99 / max", "API GET / LIST p50", "API errors", "sim RSS peak", "status"]));
  lines.push(row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"]));
  for (const r of s.runs) {
    lines.push(row([String(r.nodes), r.podsRequested.toLocaleString("en-US"), r.podsSeen.toLocaleString("en-US"), r.podsRunning.toLocaleString("en-US"), `${r.joinSeconds.toFixed(1)} s`, `${r.rampSeconds.toFixed(0)} s`, `${formatValue(r.startup.p50, "ms")} / ${formatValue(r.startup.p99, "ms")} / ${formatValue(r.startup.max, "ms")}`, `${formatValue(r.api.get.p50, "ms")} / ${formatValue(r.api.list.p50, "ms")}`, String(r.api.errors), formatValue(r.sim.rssPeakBytes / MB, "MB"), r.partial ? `partial: ${r.partial}` : "complete"]));
  }
  lines.push("", "### How the scale run was measured", "", ...s.method.map((l) => `- ${l}`));
  lines.push("", "### CPU use per phase (scale)", "", "Average CPUs busy: the whole machine, this bench, the kubun server, the `kubun sim` process, and the rest (other processes).", "");
  lines.push(row(["run", "phase", "seconds", "machine", "bench", "server", "sim", "other processes"]), row(["---:", "---", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const r of s.runs) {
    for (const p of r.phases) {
      const others = Math.max(0, p.machineCpus - p.benchCpus - p.serverCpus - p.simCpus);
      lines.push(row([`${r.nodes} nodes`, p.phase, p.seconds.toFixed(1), p.machineCpus.toFixed(2), p.benchCpus.toFixed(2), p.serverCpus.toFixed(2), p.simCpus.toFixed(2), others.toFixed(2)]));
    }
  }
  const problems = s.runs.flatMap((r) => r.problems.map((p) => `${r.nodes} nodes: ${p}`));
  if (problems.length) lines.push("", "### Problems in the scale run", "", ...problems.map((p) => `- ${p}`));
  return lines.join("\n") + "\n";
}
