// Pods and a fake-clock harness for tests of the simulated runtime and of code built on it.
import type { Pod, PodSpec } from "kubernetes-types/core/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import type { RuntimeHarness } from "../runtime.case.ts";
import { SimRuntime, type SimRuntimeOptions } from "./runtime.ts";

export function testPod(name: string, spec: Partial<PodSpec> = {}, annotations?: Record<string, string>): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: crypto.randomUUID(), ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: "main", image: "busybox:1.36" }], restartPolicy: "Always", ...spec },
  };
}

/** Advance `clock` in small steps (letting promises settle) until `cond` holds. */
export async function advanceUntil(clock: FakeClock, cond: () => Promise<boolean> | boolean, what: string, limitMs = 600_000, stepMs = 10) {
  for (let t = 0; t <= limitMs; t += stepMs) {
    if (await cond()) return;
    clock.advance(stepMs);
    await Bun.sleep(0);
  }
  throw new Error(`timed out after ${limitMs} simulated ms waiting for ${what}`);
}

export function simHarness(opts: SimRuntimeOptions = {}): RuntimeHarness & { clock: FakeClock; runtime: SimRuntime } {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const runtime = new SimRuntime({ clock, random: () => 0.5, ...opts });
  return {
    clock,
    runtime,
    longRunning: (name) => testPod(name),
    completing: (name) => testPod(name, { restartPolicy: "Never" }),
    waitFor: (cond, what) => advanceUntil(clock, cond, what),
    close: () => runtime.close(),
  };
}
