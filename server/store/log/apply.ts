// The compare-and-swap rules of create/update/delete, shared by every driver. The caller
// supplies "newest row of a key" (storage, volatile versions and this batch) and "append a row".
import type { WriteResult } from "../types.ts";
import type { Applied, WriteOp } from "./engine.ts";
import { eventOf, kvOf, type Row } from "./row.ts";

export interface RowAccess {
  /** Newest row of key, including rows appended earlier in this batch. */
  latest(key: string): Row | undefined;
  /** `live` is the version the row replaces (absent for a create). */
  append(row: Row, live: Row | undefined): void;
}

export function applyOps(ops: WriteOp[], head: number, rows: RowAccess): Applied {
  const results: WriteResult[] = [];
  const events: Applied["events"] = [];
  let revision = head;
  for (const op of ops) {
    const prev = rows.latest(op.key);
    const live = prev && !prev.deleted ? prev : undefined;
    const miss = rejection(op, live);
    if (miss) {
      results.push(miss);
      continue;
    }
    revision += 1;
    const row: Row = {
      id: revision,
      key: op.key,
      created: op.type === "create",
      deleted: op.type === "delete",
      createRevision: live ? live.createRevision : revision,
      prevRevision: prev ? prev.id : 0,
      value: op.type === "delete" ? live!.value : op.value,
    };
    rows.append(row, live);
    results.push({ ok: true, kv: kvOf(row) });
    events.push(eventOf(row, live));
  }
  return { results, events, revision };
}

function rejection(op: WriteOp, live: Row | undefined): WriteResult | undefined {
  if (op.type === "create") return live ? { ok: false, current: kvOf(live) } : undefined;
  if (!live) return { ok: false };
  if (op.expected !== undefined && op.expected !== live.id) return { ok: false, current: kvOf(live) };
  return undefined;
}
