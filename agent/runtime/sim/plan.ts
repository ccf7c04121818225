// How a simulated pod behaves: the runtime's options, overridable per pod by annotations so
// tests and benchmarks can ask for slow starts, failures or long-running jobs.
//   sim.kubun.io/startup-delay: "2s"   time from create to Running (no jitter)
//   sim.kubun.io/run-duration:  "5s"   containers exit after this (also under restartPolicy Always)
//   sim.kubun.io/exit-code:     "1"    the exit code they exit with (default 0)
import type { Pod } from "kubernetes-types/core/v1";
import { parseDuration } from "./duration.ts";

export const SIM_ANNOTATIONS = {
  startupDelay: "sim.kubun.io/startup-delay",
  runDuration: "sim.kubun.io/run-duration",
  exitCode: "sim.kubun.io/exit-code",
} as const;

export interface SimTiming {
  /** Create → Running, before jitter (default 200 ms). */
  startupDelayMs: number;
  /** ± this fraction of the startup delay, at random (default 0.5). */
  jitter: number;
  /** How long containers of restartPolicy Never/OnFailure pods run before exiting (default 1 s). */
  completionMs: number;
  /** How long init containers run (default 0: they exit as soon as they start). */
  initRunMs: number;
  /** First restart back-off; doubles per restart up to restartBackoffMaxMs (default 10 s → 5 min). */
  restartBackoffMs: number;
  restartBackoffMaxMs: number;
}

export const DEFAULT_TIMING: SimTiming = {
  startupDelayMs: 200,
  jitter: 0.5,
  completionMs: 1000,
  initRunMs: 0,
  restartBackoffMs: 10_000,
  restartBackoffMaxMs: 300_000,
};

export type RestartRule = "Always" | "OnFailure" | "Never";

export interface ContainerPlan {
  startDelayMs: number;
  /** Running → exit; undefined runs until stopped. */
  runMs: number | undefined;
  exitCode: number;
  restart: RestartRule;
  backoffMs(restartCount: number): number;
}

export interface PodPlan {
  init: ContainerPlan[];
  containers: ContainerPlan[];
  /** Init containers that keep running (sidecars): the next one starts once this one runs. */
  sidecar: boolean[];
}

function annotation(pod: Pod, key: string, parse: (v: string) => number): number | undefined {
  const v = pod.metadata?.annotations?.[key];
  if (v === undefined) return undefined;
  try {
    return parse(v);
  } catch {
    return undefined; // a bad annotation falls back to the runtime's default
  }
}

const exitCodeOf = (v: string) => {
  if (!/^\d{1,3}$/.test(v.trim())) throw new Error("not an exit code");
  return Number(v);
};

export function planPod(pod: Pod, timing: SimTiming, random: () => number): PodPlan {
  const policy = (pod.spec?.restartPolicy ?? "Always") as RestartRule;
  const startup = annotation(pod, SIM_ANNOTATIONS.startupDelay, parseDuration);
  const runFor = annotation(pod, SIM_ANNOTATIONS.runDuration, parseDuration);
  const exitCode = annotation(pod, SIM_ANNOTATIONS.exitCode, exitCodeOf) ?? 0;
  const backoffMs = (n: number) => Math.min(timing.restartBackoffMaxMs, timing.restartBackoffMs * 2 ** Math.min(n, 30));
  const delay = () => startup ?? Math.max(0, Math.round(timing.startupDelayMs * (1 - timing.jitter + 2 * timing.jitter * random())));
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecar = initSpecs.map((c) => c.restartPolicy === "Always");
  return {
    sidecar,
    init: initSpecs.map((_, i) => ({
      startDelayMs: delay(),
      runMs: sidecar[i] ? runFor : timing.initRunMs,
      exitCode: sidecar[i] ? exitCode : 0,
      restart: sidecar[i] ? "Always" : policy === "Never" ? "Never" : "OnFailure",
      backoffMs,
    })),
    containers: (pod.spec?.containers ?? []).map(() => ({
      startDelayMs: delay(),
      runMs: runFor ?? (policy === "Always" ? undefined : timing.completionMs),
      exitCode,
      restart: policy,
      backoffMs,
    })),
  };
}
