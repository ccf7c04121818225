// The Backend contract on top of a LogEngine: group-committed writes, reads pinned to the
// newest acknowledged revision (a batch being synced is invisible until acknowledged), watch
// fed from the commit path, and serialized compaction that never races a history replay.
// Volatile writes (node lease renewals, see volatile.ts) take the same path but are not
// stored one by one: reads and replays merge them in, a timer and close() flush them.
import {
  CompactedError,
  type Backend,
  type BackendStats,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type WatchOptions,
  type Watcher,
  type WriteResult,
} from "../types.ts";
import { GroupCommitter } from "./commit.ts";
import type { LogEngine, WriteOp } from "./engine.ts";
import { overlapsVolatile } from "./renewal.ts";
import { checkKey, kvOf } from "./row.ts";
import { mergeHistory } from "./volatile.ts";
import { WatchHub } from "./watch.ts";
import { BatchWriter } from "./writer.ts";

export interface LogBackendOptions {
  /** Most writes per transaction (default 1024; 1 = one transaction and sync per write). */
  maxBatch?: number;
  /** Events read per history replay step (default 512). */
  replayPage?: number;
  /** Told when a watcher is dropped because its callback threw; default logs to stderr. */
  onWatcherDropped?(prefix: string, err: unknown): void;
  /**
   * How often volatile writes (lease renewals) are flushed to storage, in ms (default 30 min;
   * 0 = only at close). A crash loses at most this much of renewal history.
   */
  volatileFlushMs?: number;
  /** Revisions reserved per persisted mark for volatile writes (default 10,000). */
  reserveBlock?: number;
  /** Told when a periodic flush fails; default logs to stderr. */
  onFlushError?(err: unknown): void;
}

export class LogBackend implements Backend {
  readonly #engine: LogEngine;
  readonly #hub: WatchHub;
  readonly #committer: GroupCommitter;
  readonly #writer: BatchWriter;
  /** Newest acknowledged revision: what reads see. */
  #revision: number;
  #compactRevision: number;
  /**
   * The head at open: below it, storage lacks the renewals a previous run kept in memory, so
   * history of prefixes holding node leases is refused there, as if compacted.
   */
  readonly #volatileFloor: number;
  readonly #flushTimer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #compaction: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(engine: LogEngine, options: LogBackendOptions = {}) {
    this.#engine = engine;
    const writer = (this.#writer = new BatchWriter(engine, options.reserveBlock));
    this.#revision = writer.head();
    this.#volatileFloor = this.#revision;
    this.#compactRevision = engine.compactRevision();
    this.#hub = new WatchHub({
      history: (prefix, after, until, limit) =>
        mergeHistory(engine.history(prefix, after, until, limit), writer.volatile.history(prefix, after, until, limit), limit),
      replayPage: options.replayPage,
      onDropped: options.onWatcherDropped ?? logDroppedWatcher,
    });
    let head = this.#revision; // includes a batch that is applied but not yet durable
    this.#committer = new GroupCommitter(
      {
        apply: (ops) => {
          const applied = writer.apply(ops, head);
          head = applied.revision;
          return applied;
        },
        sync: () => writer.sync(),
        committed: (applied) => {
          writer.committed(applied);
          this.#revision = applied.revision;
          this.#hub.publish(applied.events);
        },
      },
      Math.max(1, options.maxBatch ?? 1024),
    );
    const flushMs = options.volatileFlushMs ?? 30 * 60_000;
    if (flushMs > 0) {
      const onError = options.onFlushError ?? logFlushError;
      this.#flushTimer = setInterval(() => void this.#flush().catch(onError), flushMs);
      this.#flushTimer.unref();
    }
  }

  currentRevision(): number {
    return this.#revision;
  }

  compactRevision(): number {
    return this.#compactRevision;
  }

  stats(): BackendStats {
    return { ...this.#committer.stats };
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.#checkOpen();
    const row = this.#writer.volatile.at(key, this.#revision);
    return row ? kvOf(row) : this.#engine.get(key, this.#revision);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.#checkOpen();
    const revision = this.#readRevision(prefix, opts.revision);
    const limit = Math.max(0, Math.floor(opts.limit ?? 0));
    const page = this.#engine.list(prefix, { revision, startAfter: opts.startAfter ?? "", limit });
    const result: ListResult = { kvs: this.#writer.volatile.overlay(page.kvs, revision), revision, more: page.more };
    if (page.more) result.remaining = this.#engine.count(prefix, revision, page.kvs.at(-1)!.key);
    return result;
  }

  async count(prefix: string): Promise<number> {
    this.#checkOpen();
    return this.#engine.count(prefix, this.#revision, "");
  }

  create(key: string, value: string): Promise<WriteResult> {
    return this.#write({ type: "create", key, value });
  }

  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    return this.#write({ type: "update", key, value, expected: expectedModRevision });
  }

  delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    return this.#write({ type: "delete", key, expected: expectedModRevision });
  }

  watch(prefix: string, opts: WatchOptions): Watcher {
    this.#checkOpen();
    const oldest = this.#oldestReadable(prefix);
    if (opts.afterRevision < oldest) throw new CompactedError(opts.afterRevision, oldest);
    return this.#hub.watch(prefix, opts, this.#revision);
  }

  compact(revision: number): Promise<void> {
    if (this.#closing) return Promise.reject(closedError());
    const run = this.#compaction.then(() => this.#compactTo(revision));
    this.#compaction = run.catch(() => {});
    return run;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#committer.close();
      clearInterval(this.#flushTimer);
      this.#hub.cancelAll();
      await this.#compaction;
      try {
        await this.#flush();
        this.#writer.settle(this.#revision);
      } finally {
        await this.#engine.close();
      }
    })();
    return this.#closing;
  }

  async #compactTo(revision: number): Promise<void> {
    const target = Math.min(Math.floor(revision), this.#revision);
    if (!(target > this.#compactRevision)) return;
    // From here on, lists and watches below target are refused; replays already reading
    // below it finish before any row goes.
    this.#compactRevision = target;
    await this.#hub.replaysBelow(target);
    this.#writer.volatile.compact(target);
    // With only volatile writes since the last compaction no stored row became garbage; then
    // storage is left alone (its compact revision lags, which only keeps more history).
    if (!this.#writer.engineCompactionDue()) return;
    this.#writer.engineCompacting(target);
    await this.#engine.compact(target);
  }

  /** Stores the volatile versions storage lacks, one transaction and one sync. */
  #flush(): Promise<void> {
    const run = this.#flushing.then(async () => {
      if (this.#writer.flush()) await this.#engine.sync();
    });
    this.#flushing = run.catch(() => {});
    return run;
  }

  #oldestReadable(prefix: string): number {
    return overlapsVolatile(prefix) ? Math.max(this.#compactRevision, this.#volatileFloor) : this.#compactRevision;
  }

  #write(op: WriteOp): Promise<WriteResult> {
    if (this.#closing) return Promise.reject(closedError());
    try {
      checkKey(op.key);
      if (op.type !== "delete" && typeof op.value !== "string") {
        throw new TypeError(`store value for ${op.key} must be a string, got ${typeof op.value}`);
      }
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#committer.submit(op);
  }

  #readRevision(prefix: string, requested: number | undefined): number {
    if (!requested) return this.#revision;
    const oldest = this.#oldestReadable(prefix);
    if (requested < oldest) throw new CompactedError(requested, oldest);
    if (requested > this.#revision) {
      throw new Error(`revision ${requested} is newer than the current revision ${this.#revision}`);
    }
    return requested;
  }

  #checkOpen(): void {
    if (this.#closing) throw closedError();
  }
}

function closedError(): Error {
  return new Error("store is closed");
}

function logFlushError(err: unknown): void {
  console.error(JSON.stringify({ level: "error", component: "store", msg: "flushing lease renewals failed", error: String(err) }));
}

function logDroppedWatcher(prefix: string, err: unknown): void {
  console.error(JSON.stringify({ level: "error", component: "store", msg: "watcher dropped", prefix, error: String(err) }));
}
