// The Backend contract on top of a LogEngine: group-committed writes, reads pinned to the
// newest durable revision (a batch being synced is invisible until acknowledged), watch fed
// from the commit path, and serialized compaction that never races a history replay.
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
import { checkKey } from "./row.ts";
import { WatchHub } from "./watch.ts";

export interface LogBackendOptions {
  /** Most writes per transaction (default 1024; 1 = one transaction and sync per write). */
  maxBatch?: number;
  /** Events read per history replay step (default 512). */
  replayPage?: number;
  /** Told when a watcher is dropped because its callback threw; default logs to stderr. */
  onWatcherDropped?(prefix: string, err: unknown): void;
}

export class LogBackend implements Backend {
  readonly #engine: LogEngine;
  readonly #hub: WatchHub;
  readonly #committer: GroupCommitter;
  /** Newest durable (acknowledged) revision: what reads see. */
  #revision: number;
  #compactRevision: number;
  #compaction: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(engine: LogEngine, options: LogBackendOptions = {}) {
    this.#engine = engine;
    this.#revision = engine.headRevision();
    this.#compactRevision = engine.compactRevision();
    this.#hub = new WatchHub({
      history: (prefix, after, until, limit) => engine.history(prefix, after, until, limit),
      replayPage: options.replayPage,
      onDropped: options.onWatcherDropped ?? logDroppedWatcher,
    });
    let head = this.#revision; // includes a batch that is applied but not yet durable
    this.#committer = new GroupCommitter(
      {
        apply: (ops) => {
          const applied = engine.apply(ops, head);
          head = applied.revision;
          return applied;
        },
        sync: () => engine.sync(),
        committed: (applied) => {
          this.#revision = applied.revision;
          this.#hub.publish(applied.events);
        },
      },
      Math.max(1, options.maxBatch ?? 1024),
    );
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
    return this.#engine.get(key, this.#revision);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.#checkOpen();
    const revision = this.#readRevision(opts.revision);
    const limit = Math.max(0, Math.floor(opts.limit ?? 0));
    const page = this.#engine.list(prefix, { revision, startAfter: opts.startAfter ?? "", limit });
    const result: ListResult = { kvs: page.kvs, revision, more: page.more };
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
    if (opts.afterRevision < this.#compactRevision) {
      throw new CompactedError(opts.afterRevision, this.#compactRevision);
    }
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
      this.#hub.cancelAll();
      await this.#compaction;
      await this.#engine.close();
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
    await this.#engine.compact(target);
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

  #readRevision(requested: number | undefined): number {
    if (!requested) return this.#revision;
    if (requested < this.#compactRevision) throw new CompactedError(requested, this.#compactRevision);
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

function logDroppedWatcher(prefix: string, err: unknown): void {
  console.error(JSON.stringify({ level: "error", component: "store", msg: "watcher dropped", prefix, error: String(err) }));
}
