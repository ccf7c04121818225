// Automatic compaction: keep a bounded window of history. A tick compacts only when the
// revision moved past the window since the last compaction, so an idle store sees no writes.
import type { Backend } from "./types.ts";

export interface CompactorOptions {
  /** Revisions of history to keep behind the current one (default 1000). */
  keepRevisions?: number;
  /** Time between checks (default 5 minutes). */
  intervalMs?: number;
  /** Told when a compaction fails; the compactor keeps running. Default logs to stderr. */
  onError?(err: unknown): void;
  /** Injected timers (tests). */
  timers?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

export interface Compactor {
  /** One check now; resolves true if it compacted. */
  runOnce(): Promise<boolean>;
  /** Stops the timer and waits for a running compaction. */
  stop(): Promise<void>;
}

/** The part of a Backend the compactor uses. */
export type Compactable = Pick<Backend, "currentRevision" | "compactRevision" | "compact">;

export function startCompactor(backend: Compactable, options: CompactorOptions = {}): Compactor {
  const keep = Math.max(0, options.keepRevisions ?? 1000);
  const onError = options.onError ?? logCompactionError;
  let running: Promise<boolean> | undefined;

  const check = async (): Promise<boolean> => {
    const target = backend.currentRevision() - keep;
    if (target <= backend.compactRevision()) return false;
    await backend.compact(target);
    return true;
  };
  const runOnce = (): Promise<boolean> => {
    if (running) return running;
    const run = check().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };

  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => {
      const handle = setInterval(fn, ms);
      handle.unref();
      return handle;
    },
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  const handle = timers.setInterval(() => void runOnce().catch(onError), options.intervalMs ?? 300_000);

  return {
    runOnce,
    async stop() {
      timers.clearInterval(handle);
      await running?.catch(() => {});
    },
  };
}

function logCompactionError(err: unknown): void {
  console.error(JSON.stringify({ level: "error", component: "store", msg: "compaction failed", error: String(err) }));
}
