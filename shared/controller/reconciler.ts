// What every workload controller's start function repeats: the clock (injected or real), a
// logger and an event recorder named after the controller, work loops whose queues run on that
// clock and whose workers wait for the informers' first sync, and a stop that unsubscribes the
// watch handlers, drains the loops and flushes the events.
import type { Client } from "../client/index.ts";
import type { Logger } from "../log.ts";
import { realClock, type Clock } from "./clock.ts";
import { runController, type Controller, type ReconcileResult } from "./controller.ts";
import { EventRecorder } from "./events.ts";
import type { Informer } from "./informer.ts";
import type { SharedInformers } from "./informers.ts";
import type { QueueOptions } from "./queue.ts";

/** The options every workload controller (deployment, replicaset, daemonset, …) is started with. */
export interface ReconcilerOptions {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
  clock?: Clock;
}

export interface LoopOptions {
  /** The loop's name in logs (default: the controller's name). */
  name?: string;
  workers?: number;
  /** Informers whose first sync the workers wait for. */
  informers: readonly Pick<Informer, "waitForSync">[];
  reconcile(key: string): Promise<ReconcileResult | void> | ReconcileResult | void;
}

export class Reconciler {
  readonly clock: Clock;
  /** The logger with `controller: <name>`. */
  readonly log: Logger;
  /** Events from `<name>-controller`. */
  readonly recorder: EventRecorder;
  private readonly loops: Controller<string>[] = [];

  constructor(
    private readonly opts: ReconcilerOptions,
    readonly name: string,
  ) {
    this.clock = opts.clock ?? realClock;
    this.log = opts.log.with({ controller: name });
    this.recorder = new EventRecorder({ client: opts.client, component: `${name}-controller`, clock: this.clock, log: this.log });
  }

  /** Start a work loop; its queue uses the controller's clock unless the queue options name one. */
  run(loop: LoopOptions): Controller<string> {
    const controller = runController<string>({
      name: loop.name ?? this.name,
      workers: loop.workers,
      queue: { ...this.opts.queue, clock: this.opts.queue?.clock ?? this.clock },
      log: this.opts.log,
      ready: () => Promise.all(loop.informers.map((i) => i.waitForSync())).then(() => undefined),
      reconcile: loop.reconcile,
    });
    this.loops.push(controller);
    return controller;
  }

  /** Unsubscribe the watch handlers, stop every loop (waiting for reconciles in flight), flush events. */
  async stop(unsubscribe: Iterable<() => void>) {
    for (const u of unsubscribe) u();
    await Promise.all(this.loops.map((l) => l.stop()));
    await this.recorder.flush();
  }
}
