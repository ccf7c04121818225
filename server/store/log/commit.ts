// Group commit. Writes queue up; one batch at a time is applied in a single transaction and
// made durable with a single sync. Writes that arrive while a batch is syncing form the next
// batch. Every write gets its own result and revision; promises resolve only after the sync.
import type { BackendStats, WriteResult } from "../types.ts";
import type { Applied, WriteOp } from "./engine.ts";

export interface CommitSteps {
  /** Applies a batch in one transaction (synchronous, all or nothing). */
  apply(ops: WriteOp[]): Applied;
  /** Makes everything applied so far durable. */
  /** Resolves false if the batch stored nothing (only volatile writes), so nothing was synced. */
  sync(): Promise<boolean | void>;
  /** Runs after the sync and before any caller sees its result. */
  committed(applied: Applied): void;
}

interface Pending {
  op: WriteOp;
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

export class GroupCommitter {
  #queue: Pending[] = [];
  #draining: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;
  readonly stats: BackendStats = { commits: 0, writes: 0 };

  constructor(
    private readonly steps: CommitSteps,
    private readonly maxBatch: number,
  ) {}

  submit(op: WriteOp): Promise<WriteResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error("store is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, resolve, reject });
      // Start on the next turn so that writes issued together share the first batch too.
      this.#draining ??= new Promise((done) => setImmediate(done)).then(() => this.#drain());
    });
  }

  /** Stops accepting writes and waits for queued ones to finish. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        await this.#commit(batch);
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    let applied: Applied;
    let stored: boolean;
    try {
      applied = this.steps.apply(batch.map((p) => p.op));
    } catch (err) {
      // The transaction rolled back; nothing of this batch exists. Later batches may succeed.
      for (const p of batch) p.reject(err);
      return;
    }
    try {
      stored = (await this.steps.sync()) !== false;
    } catch (err) {
      // Committed but maybe not on disk, and the OS may have dropped the dirty pages: we can
      // no longer promise anything about this batch or the next, so the store stops.
      this.#failure = new Error(`store failed: sync after commit: ${String(err)}`, { cause: err });
      for (const p of [...batch, ...this.#queue.splice(0)]) p.reject(this.#failure);
      return;
    }
    if (stored) this.stats.commits += 1;
    this.stats.writes += batch.length;
    this.steps.committed(applied);
    batch.forEach((p, i) => p.resolve(applied.results[i]!));
  }
}
