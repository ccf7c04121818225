// Creation pacing for the scale bench: Deployments of a fixed size created one after another so
// that pods are asked for at a steady rate (the ReplicaSet controller then creates the pods).
// The schedule is pure; `pace` runs it against an injected clock so tests need no real time.

export interface Creation {
  /** 0-based Deployment index. */
  index: number;
  replicas: number;
  /** When to create it, ms after the start; the pods before it were asked for at `podsPerSecond`. */
  atMs: number;
}

/** Deployments of `perDeployment` replicas (the last one smaller) adding up to `totalPods`. */
export function creationSchedule(options: { totalPods: number; perDeployment: number; podsPerSecond: number }): Creation[] {
  const { totalPods, perDeployment, podsPerSecond } = options;
  if (!(perDeployment >= 1) || !(podsPerSecond > 0)) throw new RangeError(`creationSchedule: perDeployment must be ≥ 1 and podsPerSecond > 0, got ${perDeployment} and ${podsPerSecond}`);
  const out: Creation[] = [];
  for (let before = 0, index = 0; before < totalPods; index++) {
    const replicas = Math.min(perDeployment, totalPods - before);
    out.push({ index, replicas, atMs: (before / podsPerSecond) * 1000 });
    before += replicas;
  }
  return out;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => performance.now(), sleep: (ms) => Bun.sleep(ms) };

export interface PaceResult {
  /** Creations started (all of them unless the cap or the stop came first). */
  started: number;
  pods: number;
  failed: number;
  firstError?: string;
  /** True when `capMs` ended the ramp before the schedule was done. */
  capped: boolean;
}

/**
 * Starts each creation at its time (never early; late ones start at once), at most `inFlight`
 * at a time, stopping at `capMs` or when `stopped()` says so; resolves when the started ones ended.
 */
export async function pace(
  schedule: readonly Creation[],
  create: (c: Creation) => Promise<void>,
  options: { capMs?: number; inFlight?: number; clock?: Clock; stopped?: () => boolean } = {},
): Promise<PaceResult> {
  const clock = options.clock ?? realClock;
  const limit = options.inFlight ?? 16;
  const t0 = clock.now();
  const running = new Set<Promise<void>>();
  const r: PaceResult = { started: 0, pods: 0, failed: 0, capped: false };
  for (const c of schedule) {
    if (options.capMs !== undefined && c.atMs >= options.capMs) {
      r.capped = true;
      break;
    }
    if (options.stopped?.()) break;
    const wait = t0 + c.atMs - clock.now();
    if (wait > 0) await clock.sleep(wait);
    while (running.size >= limit) await Promise.race(running);
    const p: Promise<void> = create(c)
      .catch((err: unknown) => {
        r.failed += 1;
        r.firstError ??= err instanceof Error ? err.message : String(err);
      })
      .finally(() => running.delete(p));
    running.add(p);
    r.started += 1;
    r.pods += c.replicas;
  }
  await Promise.all(running);
  return r;
}
