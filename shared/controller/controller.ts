// The controller runner: N workers take keys from a work queue and call a level-triggered
// reconcile(key). Success forgets the key's backoff; NotFound means done; any other error
// requeues the key with per-key exponential backoff. A key is never reconciled twice at once.
import { isNotFound } from "../client/index.ts";
import { createLogger, type Logger } from "../log.ts";
import { WorkQueue, type QueueOptions } from "./queue.ts";

export interface ReconcileResult {
  /** Reconcile the key again after this long even if nothing changes (polling a condition). */
  requeueAfterMs?: number;
}

export interface ControllerOptions<K> {
  name: string;
  reconcile(key: K): Promise<ReconcileResult | void> | ReconcileResult | void;
  workers?: number;
  queue?: QueueOptions;
  log?: Logger;
  /** Awaited before the workers take keys, e.g. the first sync of the informers. */
  ready?(): Promise<void>;
}

export class Controller<K = string> {
  readonly queue: WorkQueue<K>;
  private workers: Promise<void>[] = [];
  private readonly log: Logger;

  constructor(private readonly opts: ControllerOptions<K>) {
    this.queue = new WorkQueue<K>(opts.queue);
    this.log = (opts.log ?? createLogger("error", {}, () => true)).with({ controller: opts.name });
  }

  enqueue(key: K) {
    this.queue.add(key);
  }

  start(): this {
    if (this.workers.length) return this;
    const ready = this.opts.ready?.() ?? Promise.resolve();
    for (let i = 0; i < Math.max(1, this.opts.workers ?? 1); i++) this.workers.push(ready.then(() => this.work()));
    return this;
  }

  /** Stop handing out keys and wait for the reconciles in flight. */
  async stop() {
    this.queue.shutDown();
    await Promise.allSettled(this.workers);
  }

  private async work() {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        const result = await this.opts.reconcile(key);
        this.queue.forget(key);
        if (result?.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs);
      } catch (e) {
        if (isNotFound(e)) this.queue.forget(key);
        else {
          this.log.level("warn")("reconcile failed; retrying", { key: String(key), retries: this.queue.retries(key), error: e instanceof Error ? e.message : String(e) });
          this.queue.addRateLimited(key);
        }
      } finally {
        this.queue.done(key);
      }
    }
  }
}

export function runController<K = string>(opts: ControllerOptions<K>): Controller<K> {
  return new Controller(opts).start();
}
