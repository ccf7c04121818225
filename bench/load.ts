// Closed-loop load: N workers each issue one request at a time until the deadline (or an
// operation budget), recording every request's latency; failures are counted, not timed.

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** Stop after this many operations in total, even before the deadline. */
  maxOps?: number;
  /** One request; throws on failure. `worker` is 0…concurrency-1, `seq` counts per worker. */
  op(worker: number, seq: number): Promise<void>;
  /** Injected clock (tests); milliseconds. */
  now?: () => number;
}

export interface LoadResult {
  concurrency: number;
  /** Latencies of the successful operations, in milliseconds, in completion order. */
  latencies: number[];
  ok: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  /** Successful operations per second over the whole run. */
  perSecond: number;
}

export async function runConcurrent(options: LoadOptions): Promise<LoadResult> {
  const now = options.now ?? (() => performance.now());
  const maxOps = options.maxOps ?? Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = now();
  const deadline = start + options.durationMs;

  const worker = async (w: number) => {
    for (let seq = 0; now() < deadline && started < maxOps; seq++) {
      started += 1;
      const t0 = now();
      try {
        await options.op(w, seq);
        latencies.push(now() - t0);
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  const elapsedMs = now() - start;
  return {
    concurrency: options.concurrency,
    latencies,
    ok: latencies.length,
    errors,
    firstError,
    elapsedMs,
    perSecond: elapsedMs > 0 ? (latencies.length * 1000) / elapsedMs : 0,
  };
}
