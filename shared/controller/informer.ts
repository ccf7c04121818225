// An informer: list, then watch from the list's resourceVersion, keeping a local cache keyed by
// namespace/name. A 410 Expired (on start or as an ERROR event) relists; a stream that ends is
// re-watched from the last seen version; other failures back off. Handlers are told about
// adds, updates and deletes (relists included) and should only enqueue keys. Cached objects are
// frozen: clone before changing.
import { Client, isGone, statusErrorFrom, type ApiResource, type WatchEvent } from "../client/index.ts";
import type { StoredObject } from "../api/object.ts";
import { createLogger, type Logger } from "../log.ts";
import { ItemBackoff, type BackoffOptions } from "./backoff.ts";
import { realClock, sleep, type Clock } from "./clock.ts";
import { deepFreeze, keyOf } from "./keys.ts";

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(old: T, obj: T): void;
  delete?(obj: T): void;
}

/** Handlers that call `fn` with the object as it is now (or was last, once deleted) on add, update and delete. */
export function onEveryChange<T>(fn: (obj: T) => void): Required<InformerHandlers<T>> {
  return { add: fn, update: (_old, obj) => fn(obj), delete: fn };
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size of the list (default 500). */
  pageSize?: number;
  /** Server-side timeout of each watch; default a random 5–10 minutes, as client-go. */
  watchTimeoutSeconds?: number;
  /** Delay between failed attempts (default 200 ms doubling to 30 s). */
  retry?: BackoffOptions;
  clock?: Clock;
  log?: Logger;
}

export class Informer<T extends StoredObject = StoredObject> {
  private cache = new Map<string, T>();
  private handlers = new Set<InformerHandlers<T>>();
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private syncedFlag = false;
  private syncWaiters: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly backoff: ItemBackoff<string>;
  /** The resourceVersion the cache reflects (last list, event or bookmark). */
  resourceVersion = "";
  /** Completed lists (the first sync included): tests and metrics read it. */
  lists = 0;

  constructor(
    private readonly client: Client,
    readonly resource: ApiResource,
    private readonly opts: InformerOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.log = (opts.log ?? createLogger("error", {}, () => true)).with({ informer: resource.group ? `${resource.plural}.${resource.group}` : resource.plural });
    this.backoff = new ItemBackoff({ baseDelayMs: 200, maxDelayMs: 30_000, ...opts.retry });
  }

  /** Subscribe; a late subscriber is first told about every cached object as an add. */
  on(h: InformerHandlers<T>): () => void {
    this.handlers.add(h);
    if (this.syncedFlag) for (const obj of this.cache.values()) this.call(() => h.add?.(obj));
    return () => this.handlers.delete(h);
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  async stop() {
    this.abort.abort();
    for (const w of this.syncWaiters.splice(0)) w();
    await this.loop;
  }

  get synced() {
    return this.syncedFlag;
  }

  /** Resolves after the first complete list (or when the informer stops). */
  waitForSync(): Promise<void> {
    if (this.syncedFlag || this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  keys(): string[] {
    return [...this.cache.keys()];
  }

  private async run() {
    const signal = this.abort.signal;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.relist(signal);
          needList = false;
        }
        const started = this.clock.now();
        const events = await this.watchOnce(signal);
        if (events === "expired") needList = true;
        else if (events === 0 && this.clock.now() - started < 1000 && !signal.aborted) await sleep(this.clock, this.backoff.when("watch"), signal);
        else this.backoff.forget("watch");
      } catch (e) {
        if (signal.aborted) break;
        if (isGone(e)) {
          needList = true;
          continue;
        }
        const delay = this.backoff.when("watch");
        this.log.level("warn")("list/watch failed; retrying", { error: e instanceof Error ? e.message : String(e), retryMs: delay });
        await sleep(this.clock, delay, signal);
      }
    }
  }

  /** List everything and reconcile the cache with it, telling handlers what changed. */
  private async relist(signal: AbortSignal) {
    const { namespace, labelSelector, fieldSelector } = this.opts;
    const page = await this.client.listAll<T>(this.resource, { namespace, labelSelector, fieldSelector, limit: this.opts.pageSize ?? 500, signal });
    if (signal.aborted) return;
    const next = new Map<string, T>();
    for (const item of page.items) {
      const obj = deepFreeze(withTypeMeta(item, this.resource));
      next.set(keyOf(obj), obj);
    }
    const old = this.cache;
    this.cache = next;
    this.resourceVersion = page.resourceVersion;
    this.lists++;
    for (const [key, obj] of next) {
      const prev = old.get(key);
      if (!prev) this.emit("add", obj);
      else if (prev.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit("update", obj, prev);
    }
    for (const [key, prev] of old) if (!next.has(key)) this.emit("delete", prev);
    if (!this.syncedFlag) {
      this.syncedFlag = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /** One watch from the cache's version. Returns the number of events, or "expired". */
  private async watchOnce(signal: AbortSignal): Promise<number | "expired"> {
    const { namespace, labelSelector, fieldSelector } = this.opts;
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
    const stream = await this.client.watch<T>(this.resource, { namespace, labelSelector, fieldSelector, resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds, signal });
    let n = 0;
    try {
      for await (const ev of stream) {
        if (ev.type === "ERROR") {
          if (ev.object.code === 410) return "expired";
          throw statusErrorFrom(ev.object);
        }
        n++;
        this.apply(ev);
      }
    } finally {
      stream.stop();
    }
    return n;
  }

  private apply(ev: WatchEvent<T>) {
    if (ev.type === "BOOKMARK") {
      this.resourceVersion = ev.object.metadata.resourceVersion;
      return;
    }
    if (ev.type === "ERROR") return;
    const obj = deepFreeze(withTypeMeta(ev.object, this.resource));
    const key = keyOf(obj);
    this.resourceVersion = obj.metadata.resourceVersion;
    if (ev.type === "DELETED") {
      this.cache.delete(key);
      this.emit("delete", obj);
      return;
    }
    const prev = this.cache.get(key);
    this.cache.set(key, obj);
    if (prev) this.emit("update", obj, prev);
    else this.emit("add", obj);
  }

  private emit(kind: "add" | "update" | "delete", obj: T, prev?: T) {
    for (const h of this.handlers) {
      if (kind === "add") this.call(() => h.add?.(obj));
      else if (kind === "update") this.call(() => h.update?.(prev!, obj));
      else this.call(() => h.delete?.(obj));
    }
  }

  private call(fn: () => void) {
    try {
      fn();
    } catch (e) {
      this.log.level("error")("informer handler failed", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
}

/** List items come without kind/apiVersion; give cached objects their type, as client-go does. */
/**
 * The object as the cache keeps it: with apiVersion and kind, and without metadata.managedFields,
 * which no controller reads and which can be a third of an object's size (upstream's scheduler
 * and controller manager strip them from their informers too). A write built from a cached
 * object sends no managedFields, which the API server takes as "keep them".
 */
function withTypeMeta<T extends StoredObject>(obj: T, r: ApiResource): T {
  const typed = obj.kind && obj.apiVersion ? obj : { ...obj, apiVersion: obj.apiVersion || (r.group ? `${r.group}/${r.version}` : r.version), kind: obj.kind || r.kind || "" };
  if (!typed.metadata?.managedFields) return typed;
  const { managedFields: _m, ...metadata } = typed.metadata;
  return { ...typed, metadata } as T;
}
