// What the numbers are compared with: each figure's anchor (what the incumbents do) and goal
// (what kubun promises), and how a measurement is scored against both.
import type { Summary } from "./stats.ts";

export interface Anchor {
  /** The anchor in the figure's unit, at its end most favourable to the anchor. */
  value: number;
  text: string;
}

export interface Figure {
  id: string;
  title: string;
  unit: string;
  better: "higher" | "lower";
  /** null when the phase could not run; `note` says why. */
  value: number | null;
  anchor?: Anchor;
  goal?: number;
  note?: string;
}

export interface Scored extends Figure {
  /** How many times better than the anchor (>1 = better, <1 = worse); null without both. */
  vsAnchor: number | null;
  /** null when the figure has no goal or no value. */
  goalMet: boolean | null;
}

export function score(f: Figure): Scored {
  const { value, anchor, goal } = f;
  let vsAnchor: number | null = null;
  if (value !== null && anchor) vsAnchor = f.better === "higher" ? value / anchor.value : value === 0 ? Infinity : anchor.value / value;
  const goalMet = value === null || goal === undefined ? null : f.better === "higher" ? value >= goal : value <= goal;
  return { ...f, vsAnchor, goalMet };
}

export const ANCHORS = {
  kineWrites: { value: 70, text: "kine ≈ 60–70 writes/s" },
  mutatingSlo: { value: 1000, text: "Kubernetes SLO: mutating calls p99 ≤ 1 s" },
  getSlo: { value: 1000, text: "Kubernetes SLO: single-object reads p99 ≤ 1 s" },
  listSlo: { value: 30_000, text: "Kubernetes SLO: namespace-scope lists p99 ≤ 30 s" },
  kinePoll: { value: 1000, text: "kine polls every 1 s" },
  k3sRss: { value: 1400, text: "k3s server ≈ 1.4 GB" },
  k3sIdleDisk: { value: 6_000 * 60, text: "k3s writes 6–11 kB/s idle" },
} satisfies Record<string, Anchor>;

export const GOALS = {
  writesPerSecond: 2_000,
  latencyP99Ms: 50,
  latencyGoalClients: 50,
  watchP99Ms: 50,
  idleRssMB: 100,
  readyMs: 1_000,
  idleDiskBytesPerMinute: 0,
};

export type Verb = "create" | "get" | "list" | "patch";

export interface LatencyCell {
  verb: Verb;
  clients: number;
  summary: Summary;
  errors: number;
  firstError?: string;
}

/** What one run measured; a phase that could not run is absent. */
export interface Measurements {
  writes?: { clients: number; seconds: number; groupCommit: number; perWrite: number; errors: number };
  latency?: LatencyCell[];
  watch?: { watchers: number; events: number; p99: number; missed: number };
  rss?: { idleBytes: number; loaded?: { bytes: number; objects: number } };
  ready?: { freshMs: number; restartMs?: number; restartObjects?: number };
  idleDisk?: { windowSeconds: number; writeBytes: number };
}

const MB = 1e6;

function missing(id: string, title: string, unit: string, better: Figure["better"], why: string, extra: Partial<Figure> = {}): Figure {
  return { id, title, unit, better, value: null, note: why, ...extra };
}

/** The headline figures, in report order. */
export function headline(m: Measurements, skipped: (phase: string) => string): Scored[] {
  const out: Figure[] = [];
  const w = m.writes;
  if (w) {
    out.push({ id: "writes.groupCommit", title: `Durable writes/s through the API, group commit (${w.clients} clients)`, unit: "writes/s", better: "higher", value: w.groupCommit, anchor: ANCHORS.kineWrites, goal: GOALS.writesPerSecond });
    out.push({ id: "writes.perWrite", title: `Durable writes/s, one transaction per write (${w.clients} clients, maxBatch=1)`, unit: "writes/s", better: "higher", value: w.perWrite, anchor: ANCHORS.kineWrites });
    out.push({ id: "writes.speedup", title: "Group commit speed-up over one transaction per write", unit: "×", better: "higher", value: w.perWrite > 0 ? w.groupCommit / w.perWrite : null });
  } else {
    out.push(missing("writes.groupCommit", "Durable writes/s through the API, group commit", "writes/s", "higher", skipped("writes"), { anchor: ANCHORS.kineWrites, goal: GOALS.writesPerSecond }));
  }
  for (const verb of ["create", "get", "list", "patch"] as const) {
    const cell = m.latency?.find((c) => c.verb === verb && c.clients === GOALS.latencyGoalClients);
    const title = `${verb} p99 latency at ${GOALS.latencyGoalClients} clients`;
    const anchor = latencyAnchor(verb);
    out.push(cell ? { id: `latency.${verb}.${cell.clients}`, title, unit: "ms", better: "lower", value: cell.summary.p99, anchor, goal: GOALS.latencyP99Ms } : missing(`latency.${verb}.${GOALS.latencyGoalClients}`, title, "ms", "lower", skipped("latency"), { anchor, goal: GOALS.latencyP99Ms }));
  }
  const watchTitle = `Watch delivery p99 (${(m.watch?.watchers ?? 1000).toLocaleString("en-US")} watchers)`;
  out.push(m.watch ? { id: "watch.p99", title: watchTitle, unit: "ms", better: "lower", value: m.watch.p99, anchor: ANCHORS.kinePoll, goal: GOALS.watchP99Ms } : missing("watch.p99", watchTitle, "ms", "lower", skipped("watch"), { anchor: ANCHORS.kinePoll, goal: GOALS.watchP99Ms }));
  if (m.rss) {
    out.push({ id: "rss.idle", title: "Server RSS, idle after start", unit: "MB", better: "lower", value: m.rss.idleBytes / MB, anchor: ANCHORS.k3sRss, goal: GOALS.idleRssMB });
    const loadedTitle = `Server RSS after ${m.rss.loaded ? m.rss.loaded.objects.toLocaleString("en-US") : "10,000"} objects`;
    out.push(m.rss.loaded ? { id: "rss.loaded", title: loadedTitle, unit: "MB", better: "lower", value: m.rss.loaded.bytes / MB, anchor: ANCHORS.k3sRss } : missing("rss.loaded", loadedTitle, "MB", "lower", skipped("fill"), { anchor: ANCHORS.k3sRss }));
  } else {
    out.push(missing("rss.idle", "Server RSS, idle after start", "MB", "lower", skipped("rss"), { anchor: ANCHORS.k3sRss, goal: GOALS.idleRssMB }));
  }
  if (m.ready) {
    out.push({ id: "ready.fresh", title: "Start to /readyz, fresh data dir", unit: "ms", better: "lower", value: m.ready.freshMs, goal: GOALS.readyMs });
    const restartTitle = `Start to /readyz, restart with existing data${m.ready.restartObjects ? ` (${m.ready.restartObjects.toLocaleString("en-US")} objects)` : ""}`;
    out.push(m.ready.restartMs !== undefined ? { id: "ready.restart", title: restartTitle, unit: "ms", better: "lower", value: m.ready.restartMs, goal: GOALS.readyMs } : missing("ready.restart", restartTitle, "ms", "lower", skipped("restart"), { goal: GOALS.readyMs }));
  } else {
    out.push(missing("ready.fresh", "Start to /readyz, fresh data dir", "ms", "lower", skipped("ready"), { goal: GOALS.readyMs }));
  }
  const diskTitle = `Disk bytes written per minute while idle${m.idleDisk ? ` (${m.idleDisk.windowSeconds} s window)` : ""}`;
  out.push(m.idleDisk ? { id: "disk.idle", title: diskTitle, unit: "bytes/min", better: "lower", value: (m.idleDisk.writeBytes * 60) / m.idleDisk.windowSeconds, anchor: ANCHORS.k3sIdleDisk, goal: GOALS.idleDiskBytesPerMinute } : missing("disk.idle", diskTitle, "bytes/min", "lower", skipped("idle"), { anchor: ANCHORS.k3sIdleDisk, goal: GOALS.idleDiskBytesPerMinute }));
  return out.map(score);
}

export function latencyAnchor(verb: Verb): Anchor {
  return verb === "list" ? ANCHORS.listSlo : verb === "get" ? ANCHORS.getSlo : ANCHORS.mutatingSlo;
}

/** Every latency cell scored on its p99; the goal applies at the goal's client count. */
export function latencyMatrix(cells: LatencyCell[]): (LatencyCell & { scored: Scored })[] {
  return cells.map((c) => ({
    ...c,
    scored: score({
      id: `latency.${c.verb}.${c.clients}`,
      title: `${c.verb} p99 at ${c.clients} clients`,
      unit: "ms",
      better: "lower",
      value: c.summary.count > 0 ? c.summary.p99 : null,
      anchor: latencyAnchor(c.verb),
      goal: c.clients === GOALS.latencyGoalClients ? GOALS.latencyP99Ms : undefined,
    }),
  }));
}
