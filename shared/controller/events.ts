// A small core/v1 Event recorder: each event names the involved object (with its uid and
// resourceVersion) and the reporting component. A repeat of the same event (same object,
// type, reason and message) bumps count and lastTimestamp on the existing Event instead of
// creating another, as client-go's event correlator does. Writes run in the background,
// one at a time per distinct event; failures are logged and dropped.
import type { Event, ObjectReference } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../api/object.ts";
import { isNotFound, type ApiResource, type Client } from "../client/index.ts";
import { realClock, type Clock } from "./clock.ts";
import { createLogger, type Logger } from "../log.ts";

export const eventsResource: ApiResource = { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true };

export interface EventRecorderOptions {
  client: Client;
  /** source.component and reportingComponent, e.g. "default-scheduler". */
  component: string;
  /** reportingInstance, e.g. "default-scheduler-host1". */
  instance?: string;
  clock?: Clock;
  log?: Logger;
  /** Distinct events remembered for deduplication (oldest forgotten first). */
  maxTracked?: number;
}

interface Tracked {
  name?: string;
  namespace: string;
  count: number;
  first: string;
  chain: Promise<void>;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export class EventRecorder {
  private tracked = new Map<string, Tracked>();
  private inFlight = new Set<Promise<void>>();
  private seq = 0;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(private readonly opts: EventRecorderOptions) {
    this.clock = opts.clock ?? realClock;
    this.log = opts.log ?? createLogger("error", {}, () => true);
  }

  /**
   * Record an event about `obj` (`fieldPath` names a part of it, e.g. the kubelet's
   * `spec.containers{name}`); returns at once (see flush()).
   */
  record(obj: StoredObject, type: "Normal" | "Warning", reason: string, message: string, opts: { fieldPath?: string } = {}) {
    const ref: ObjectReference = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
    };
    const key = [ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, type, reason, message].join("\u0000");
    let t = this.tracked.get(key);
    const now = rfc3339(this.clock.now());
    if (t) this.tracked.delete(key); // re-insert: most recently used last
    else t = { namespace: ref.namespace || "default", count: 0, first: now, chain: Promise.resolve() };
    this.tracked.set(key, t);
    this.trim();
    const entry = t;
    entry.count++;
    const count = entry.count;
    const job = entry.chain.then(() => this.write(entry, ref, type, reason, message, count, now));
    entry.chain = job;
    this.inFlight.add(job);
    job.finally(() => this.inFlight.delete(job));
  }

  /** Wait for every write started so far. */
  async flush() {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private trim() {
    const max = this.opts.maxTracked ?? 4096;
    for (const k of this.tracked.keys()) {
      if (this.tracked.size <= max) break;
      this.tracked.delete(k);
    }
  }

  private async write(t: Tracked, ref: ObjectReference, type: string, reason: string, message: string, count: number, now: string) {
    try {
      if (t.name) {
        try {
          await this.opts.client.patch(eventsResource, t.name, { count, lastTimestamp: now }, { type: "strategic", namespace: t.namespace });
          return;
        } catch (e) {
          if (!isNotFound(e)) throw e;
          t.first = now;
        }
      }
      const name = `${ref.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
      const event: Event = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace: t.namespace },
        involvedObject: ref,
        reason,
        message,
        type,
        source: { component: this.opts.component },
        firstTimestamp: t.first,
        lastTimestamp: now,
        count,
        reportingComponent: this.opts.component,
        reportingInstance: this.opts.instance ?? "",
      };
      await this.opts.client.create(eventsResource, event as unknown as KubeObject);
      t.name = name;
    } catch (e) {
      this.log.level("warn")("could not record event", { reason, object: `${ref.namespace}/${ref.name}`, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
