// The real-pod figures of `bun run bench` (the runc phase): pod startup with runc, the agent's
// overhead over a bare `runc run`, and the agent's memory, each with its anchor and goal.
import { score, type Anchor, type Figure, type Scored } from "./figures.ts";
import type { Summary } from "./stats.ts";

export const RUNC_ANCHORS = {
  startupP99: { value: 4_100, text: "KubeEdge p99 4.1 s; Kubernetes SLO p99 ≤ 5 s" },
  edgecoreRss: { value: 70, text: "KubeEdge edgecore ≈ 70 MB" },
  k3sAgentRss: { value: 275, text: "k3s agent ≈ 275 MB" },
} satisfies Record<string, Anchor>;

export const RUNC_GOALS = { startupP99Ms: 1_000, overheadMs: 50, idleRssMB: 60, perPodMB: 2 };

export interface RuncPlan {
  /** Pods of the startup run, created at `podsPerSecond`. */
  startupPods: number;
  podsPerSecond: number;
  /** Sequential runs of one container, bare and through kubun. */
  overheadRuns: number;
  /** Pods running while the agent's memory is sampled a second time. */
  memoryPods: number;
  /** Wait after the agent is Ready / the pods run before a memory sample. */
  settleSeconds: number;
}

export interface MemoryFigures {
  agentRssBytes: number;
  agentPssBytes: number;
  helperRssBytes: number;
  helperPssBytes: number;
  helpers: number;
  totalRssBytes: number;
  totalPssBytes: number;
}

export interface RuncMeasurements {
  startup?: { pods: number; perSecond: number; running: number; summary: Summary };
  overhead?: { runs: number; bare: Summary; kubun: Summary };
  memory?: { idle: MemoryFigures; loaded?: MemoryFigures & { pods: number } };
}

const MB = 1e6;

export function runcFigures(m: RuncMeasurements | undefined, skipped: (phase: string) => string): Scored[] {
  const out: Figure[] = [];
  const s = m?.startup;
  const startTitle = (p: string) => `Pod startup ${p} with runc, image present (${s?.pods ?? 100} pods at ${s?.perSecond ?? 10}/s, create → Running via watch)`;
  if (s && s.running === s.pods) {
    out.push({ id: "runc.startup.p50", title: startTitle("p50"), unit: "ms", better: "lower", value: s.summary.p50 });
    out.push({ id: "runc.startup.p99", title: startTitle("p99"), unit: "ms", better: "lower", value: s.summary.p99, anchor: RUNC_ANCHORS.startupP99, goal: RUNC_GOALS.startupP99Ms });
  } else {
    const why = s ? `only ${s.running} of ${s.pods} pods reached Running` : skipped("runc");
    out.push({ id: "runc.startup.p99", title: startTitle("p99"), unit: "ms", better: "lower", value: null, note: why, anchor: RUNC_ANCHORS.startupP99, goal: RUNC_GOALS.startupP99Ms });
  }
  const o = m?.overhead;
  const overheadTitle = `Agent overhead: create → Running through kubun minus a bare \`runc run\`, medians of ${o?.runs ?? 20}`;
  if (o) {
    out.push({ id: "runc.bare.p50", title: `Bare \`runc run -d\` of the same container (overlay mount included), median of ${o.runs}`, unit: "ms", better: "lower", value: o.bare.p50 });
    out.push({ id: "runc.kubun.p50", title: `The same container through kubun, create → Running, median of ${o.runs}`, unit: "ms", better: "lower", value: o.kubun.p50 });
    out.push({ id: "runc.overhead", title: overheadTitle, unit: "ms", better: "lower", value: o.kubun.p50 - o.bare.p50, goal: RUNC_GOALS.overheadMs });
  } else {
    out.push({ id: "runc.overhead", title: overheadTitle, unit: "ms", better: "lower", value: null, note: skipped("runc"), goal: RUNC_GOALS.overheadMs });
  }
  const mem = m?.memory;
  const idleTitle = "Agent RSS idle (`kubun agent` process and its helpers)";
  if (mem) {
    out.push({ id: "runc.agent.idle", title: idleTitle, unit: "MB", better: "lower", value: mem.idle.totalRssBytes / MB, anchor: RUNC_ANCHORS.edgecoreRss, goal: RUNC_GOALS.idleRssMB });
    const l = mem.loaded;
    const loadedTitle = `Agent RSS with ${l?.pods ?? 30} pods (agent + per-container helpers)`;
    const perPodTitle = (kind: string) => `Agent ${kind} per pod ((with ${l?.pods ?? 30} pods − idle) / ${l?.pods ?? 30})`;
    if (l) {
      out.push({ id: "runc.agent.loaded", title: loadedTitle, unit: "MB", better: "lower", value: l.totalRssBytes / MB, anchor: RUNC_ANCHORS.k3sAgentRss });
      out.push({ id: "runc.agent.perPod", title: perPodTitle("RSS"), unit: "MB", better: "lower", value: (l.totalRssBytes - mem.idle.totalRssBytes) / l.pods / MB, goal: RUNC_GOALS.perPodMB });
      out.push({ id: "runc.agent.perPodPss", title: perPodTitle("PSS"), unit: "MB", better: "lower", value: (l.totalPssBytes - mem.idle.totalPssBytes) / l.pods / MB });
    } else {
      out.push({ id: "runc.agent.perPod", title: perPodTitle("RSS"), unit: "MB", better: "lower", value: null, note: skipped("runc"), goal: RUNC_GOALS.perPodMB });
    }
  } else {
    out.push({ id: "runc.agent.idle", title: idleTitle, unit: "MB", better: "lower", value: null, note: skipped("runc"), anchor: RUNC_ANCHORS.edgecoreRss, goal: RUNC_GOALS.idleRssMB });
  }
  return out.map(score);
}

const mb = (b: number) => `${(b / MB).toFixed(1)} MB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The method bullet of the runc phase, from its own plan and numbers. */
export function runcMethod(plan: RuncPlan, m: RuncMeasurements | undefined): string {
  const parts = [
    `Real pods: a network namespace the bench creates (and deletes) holds a \`kubun server --disable-agent\`, a separate \`kubun agent\` process (its own data dir, so its RSS is its own) and the test registry (Debian docker-registry with the fixture's busybox); the image is pulled once before anything is timed. Every pod is busybox \`sleep 3600\` with terminationGracePeriodSeconds 1.`,
    `Startup: a pod watch opens first, then ${plan.startupPods} pods are POSTed ${1000 / plan.podsPerSecond} ms apart; each pod's time is POST sent → the first watch event with phase Running; p50/p99 nearest-rank.`,
    `Overhead: ${plan.overheadRuns} pods one after another (each deleted and gone before the next), create → Running as above; and ${plan.overheadRuns} bare runs of the same container: the config.json the agent generated (same process, mounts, capabilities, limits; fresh namespaces instead of the pod's, a cgroup of its own), the same image layers mounted as overlay, then \`runc run -d\`, timed from the mount to runc's return. Overhead = difference of the medians; it includes the API write, scheduling, the agent's watch, the pod's namespaces and veth, and the status write.`,
    `Agent memory: VmRSS and Pss (smaps_rollup) of the agent process plus every descendant of it outside the containers' cgroups (helpers it keeps per container, e.g. the \`sh\` + \`runc run\` pair each container had before the agent became their subreaper; the count is in the notes below), ${plan.settleSeconds} s after the node was Ready (idle) and ${plan.settleSeconds} s after ${plan.memoryPods} pods were Running. PSS splits shared pages (runc's binary, when there are runc processes) among the processes that map them; RSS counts them in each. In the CPU table, every process of this phase (its bench child, server, agent, registry, containers) counts as "kubun servers".`,
  ];
  const mem = m?.memory;
  if (mem) {
    parts.push(`Here: idle agent ${mb(mem.idle.agentRssBytes)} RSS / ${mb(mem.idle.agentPssBytes)} PSS with ${mem.idle.helpers} helpers.`);
    if (mem.loaded) parts.push(`With ${mem.loaded.pods} pods: agent ${mb(mem.loaded.agentRssBytes)} RSS, ${mem.loaded.helpers} helper processes ${mb(mem.loaded.helperRssBytes)} RSS / ${mb(mem.loaded.helperPssBytes)} PSS.`);
  }
  const o = m?.overhead;
  if (o) parts.push(`Bare p50/max ${ms(o.bare.p50)}/${ms(o.bare.max)}; through kubun p50/max ${ms(o.kubun.p50)}/${ms(o.kubun.max)}.`);
  const s = m?.startup;
  if (s) parts.push(`Startup: ${s.running}/${s.pods} Running, p50 ${ms(s.summary.p50)}, max ${ms(s.summary.max)}.`);
  return parts.join(" ");
}
