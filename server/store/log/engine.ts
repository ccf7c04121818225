// What a storage driver provides to the shared log machinery (log/backend.ts): synchronous
// reads at a revision, one-transaction batch writes of rows, a durability barrier, and
// compaction. The machinery adds the CAS rules, group commit, volatile writes, watch,
// revision bookkeeping and the Backend contract.
import type { KeyValue, WatchEvent, WriteResult } from "../types.ts";
import type { Row } from "./row.ts";

export type WriteOp =
  | { type: "create"; key: string; value: string }
  | { type: "update"; key: string; value: string; expected: number }
  | { type: "delete"; key: string; expected?: number };

export interface Applied {
  /** One result per op, in op order. */
  results: WriteResult[];
  /** Events of the successful ops, in revision order. */
  events: WatchEvent[];
  /** The newest revision after the batch (unchanged if every op missed). */
  revision: number;
}

export interface PageQuery {
  revision: number;
  /** Exclusive; "" = from the start of the prefix. */
  startAfter: string;
  /** 0 = no limit. */
  limit: number;
}

export interface LogEngine {
  /** Newest row in storage (at open). */
  headRevision(): number;
  /** Persisted reservation mark (at open): revisions up to it may have been handed out. */
  reservedRevision(): number;
  /** Persisted compact revision (at open). */
  compactRevision(): number;
  /** The key's value as of `revision`. */
  get(key: string, revision: number): KeyValue | undefined;
  /** Live keys under prefix as of `revision`, in key order; `more` if keys follow the page. */
  list(prefix: string, query: PageQuery): { kvs: KeyValue[]; more: boolean };
  /** Number of live keys under prefix as of `revision`, after `startAfter` ("" = all). */
  count(prefix: string, revision: number, startAfter: string): number;
  /** Events for keys under prefix with after < revision <= until, oldest first, at most limit. */
  history(prefix: string, after: number, until: number, limit: number): WatchEvent[];
  /** The key's newest stored row, tombstones included. */
  latest(key: string): Row | undefined;
  /**
   * Stores rows (and a new reservation mark, if given) in one atomic transaction. Row ids are
   * new but need not be above every stored id: a flushed volatile version keeps its revision.
   * Throws (storing nothing) on storage errors.
   */
  write(rows: Row[], reserve?: number): void;
  /** Resolves once everything written so far survives power loss. */
  sync(): Promise<void>;
  /** Drops superseded rows and tombstones below `revision` and persists it. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
