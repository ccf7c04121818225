// One row of the revision log, as both drivers store it, and its conversion to the public
// shapes. A row is the write that produced revision `id`: a create, an update, or a delete
// tombstone (which keeps the deleted value so history can replay it).
import type { KeyValue, WatchEvent } from "../types.ts";

export interface Row {
  /** The revision this write produced. */
  id: number;
  key: string;
  created: boolean;
  deleted: boolean;
  createRevision: number;
  /** Revision of the key's previous row (0 if none). */
  prevRevision: number;
  value: string;
}

export function kvOf(row: Row): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.id };
}

/**
 * The watch event for a row; `prev` is the row at row.prevRevision, if still stored. Events
 * are frozen: one event object goes to every matching watcher.
 */
export function eventOf(row: Row, prev: Row | undefined): WatchEvent {
  const type = row.created ? "create" : row.deleted ? "delete" : "update";
  const event: WatchEvent = { type, kv: Object.freeze(kvOf(row)) };
  if (type !== "create" && prev && !prev.deleted) event.prevKv = Object.freeze(kvOf(prev));
  return Object.freeze(event);
}

/** True for keys under a prefix ("" matches everything). */
export function hasPrefix(key: string, prefix: string): boolean {
  return key.startsWith(prefix);
}

const MAX_CODE_POINT = 0x10ffff;
/** Sorts after every valid key: keys may not contain U+10FFFF (see checkKey). */
export const KEY_CEILING = String.fromCodePoint(MAX_CODE_POINT);

/**
 * The smallest string greater than every string starting with `prefix`, in code point order
 * (which is SQLite's BINARY order over UTF-8). Used as an exclusive upper bound for range scans.
 */
export function prefixEnd(prefix: string): string {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    let last = points.pop()!;
    if (last === MAX_CODE_POINT) continue;
    last += 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000; // skip surrogates
    return String.fromCodePoint(...points, last);
  }
  return KEY_CEILING;
}

/** Keys must be non-empty and free of U+10FFFF (reserved as the scan ceiling). */
export function checkKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) {
    throw new TypeError(`store key must be a non-empty string, got ${JSON.stringify(key)}`);
  }
  if (key.includes(KEY_CEILING)) {
    throw new TypeError(`store key must not contain U+10FFFF: ${JSON.stringify(key)}`);
  }
}
