// The storage driver interface, kine's shape: one global revision, compare-and-swap writes
// whose miss is a returned value, watch from a revision, compaction. Keys are strings such as
// `/registry/apps/deployments/default/web`; values are the object's JSON text.

export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which this key was (last) created. */
  createRevision: number;
  /** Revision of the write that produced this value: the object's resourceVersion. */
  modRevision: number;
}

export type WatchEventType = "create" | "update" | "delete";

export interface WatchEvent {
  type: WatchEventType;
  /** For deletes: the last value, with modRevision = the delete's revision. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface ListOptions {
  /** Return at most this many keys (0 or absent = all). */
  limit?: number;
  /** Resume after this key (exclusive), for paging. */
  startAfter?: string;
  /** Read as of this revision (0/absent = current). Older than the compact revision → CompactedError. */
  revision?: number;
}

export interface ListResult {
  kvs: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** True if more keys follow the last one returned. */
  more: boolean;
  /** Number of keys after the last returned (only when more is true; may be an estimate). */
  remaining?: number;
}

export type WriteResult =
  | { ok: true; kv: KeyValue }
  | { ok: false; current?: KeyValue };

export interface Watcher {
  cancel(): void;
}

export interface WatchOptions {
  /** Deliver events with revision > afterRevision. */
  afterRevision: number;
  /** Called in commit order; events of one commit arrive in one call. */
  onEvents(events: WatchEvent[]): void;
}

export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`too old resource version: ${requested} (${compactRevision})`);
  }
}

/** Write-path counters, for tests and metrics. */
export interface BackendStats {
  /** Write transactions run (each with one sync); a batch of only lease renewals runs none. */
  commits: number;
  /** Write calls that reached a transaction. */
  writes: number;
}

export interface Backend {
  /** The newest committed revision. */
  currentRevision(): number;
  /** The oldest revision a watch or list can still start from. */
  compactRevision(): number;
  get(key: string): Promise<KeyValue | undefined>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  count(prefix: string): Promise<number>;
  /** Fails (ok: false, current) if the key exists. */
  create(key: string, value: string): Promise<WriteResult>;
  /** Fails if the key is missing or its modRevision differs from expected. */
  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult>;
  /** Fails if missing, or if expectedModRevision is given and differs. Returns the deleted kv
   * with modRevision set to the delete's revision. */
  delete(key: string, expectedModRevision?: number): Promise<WriteResult>;
  /** Throws CompactedError if afterRevision < compactRevision(). Events for keys under prefix. */
  watch(prefix: string, opts: WatchOptions): Watcher;
  /** Drop history older than revision (keeps the latest value of every live key). */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
  /** Write-path counters, where the driver keeps them. */
  stats?(): BackendStats;
}
