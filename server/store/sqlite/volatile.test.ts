// Lease renewals across restarts and crashes of the SQLite driver: revisions never go back or
// repeat, a graceful close keeps the newest renewal, a crash loses at most renewal times.
import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VOLATILE_PREFIX } from "../log/renewal.ts";
import { CompactedError, type Backend } from "../types.ts";
import { LEASE, leaseValue, okKv, renewals } from "../volatile.case.ts";
import { openSqliteBackend, type SqliteOptions } from "./index.ts";
import { openTempSqlite } from "./testing.ts";

/** What a crash leaves: the files as they are now, opened by a new store (closed by disposal). */
function crashCopy(path: string, options: SqliteOptions = {}): { backend: Backend } & AsyncDisposable {
  const dir = mkdtempSync(join(tmpdir(), "kubun-crash-"));
  copyFileSync(path, join(dir, "state.db"));
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, "state.db-wal"));
  const backend = openSqliteBackend(join(dir, "state.db"), { volatileFlushMs: 0, ...options });
  return {
    backend,
    async [Symbol.asyncDispose]() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("a restart keeps the newest renewal at its revision and never reuses a revision", async () => {
  await using s = openTempSqlite();
  const versions = await renewals(s.backend, 5);
  okKv(await s.backend.create("/registry/core/pods/default/p", "{}")); // 7
  const b = await s.reopen();
  expect(await b.get(LEASE)).toEqual(versions[5]!);
  // A graceful close brought the reservation mark down to the head: no gap.
  expect(b.currentRevision()).toBe(7);
  const next = okKv(await b.update(LEASE, leaseValue(6), versions[5]!.modRevision));
  expect(next.modRevision).toBe(8);
  // The renewals between the stored versions are gone, so lease history before the restart
  // is refused as compacted; other prefixes still replay it.
  expect(() => b.watch(VOLATILE_PREFIX, { afterRevision: 1, onEvents() {} })).toThrow(CompactedError);
  await expect(b.list("/registry/", { revision: 3 })).rejects.toBeInstanceOf(CompactedError);
  const pods = await b.list("/registry/core/pods/", { revision: 7 });
  expect(pods.kvs.map((kv) => kv.modRevision)).toEqual([7]);
});

test("after a crash the lease is at its last stored version and revisions continue above every one handed out", async () => {
  await using s = openTempSqlite({ reserveBlock: 4 });
  const versions = await renewals(s.backend, 10); // marks at 2+4, 7+4, 12+4... as revisions pass them
  const handedOut = versions.at(-1)!.modRevision;
  await using crashed = crashCopy(s.path);
  const b = crashed.backend;
  expect(b.currentRevision()).toBeGreaterThanOrEqual(handedOut);
  const stored = (await b.get(LEASE))!;
  expect(stored.value).toBe(leaseValue(0));
  const next = okKv(await b.update(LEASE, leaseValue(11), stored.modRevision));
  expect(next.modRevision).toBeGreaterThan(handedOut);
  expect(okKv(await b.create("/registry/core/pods/default/p", "{}")).modRevision).toBe(next.modRevision + 1);
});

test("a durable write of a renewed key stores its newest renewal with it", async () => {
  await using s = openTempSqlite({ volatileFlushMs: 0 });
  const versions = await renewals(s.backend, 3);
  const moved = okKv(await s.backend.update(LEASE, leaseValue(4, "node-2"), versions[3]!.modRevision));
  // Without a flush or a close, the file holds the create, the renewal the holder change
  // replaced (its prev_revision), and the holder change; renewals 2 and 3 never reach it.
  expect(storedRevisions(s.path)).toEqual([[1, 0], [4, 3], [5, 4]]);
  await using crashed = crashCopy(s.path);
  expect(await crashed.backend.get(LEASE)).toEqual(moved);
  expect(crashed.backend.currentRevision()).toBeGreaterThanOrEqual(moved.modRevision);
});

/** [id, prev_revision] of the lease's rows in a copy of the files as they are now. */
function storedRevisions(path: string): number[][] {
  const dir = mkdtempSync(join(tmpdir(), "kubun-rows-"));
  try {
    copyFileSync(path, join(dir, "state.db"));
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, "state.db-wal"));
    const db = new Database(join(dir, "state.db"));
    const rows = db.query<{ id: number; prev: number }, [string]>("SELECT id, prev_revision AS prev FROM kv WHERE key = ? ORDER BY id").all(LEASE);
    db.close();
    return rows.map((r) => [r.id, r.prev]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the periodic flush stores renewals without a close", async () => {
  await using s = openTempSqlite({ volatileFlushMs: 20 });
  const versions = await renewals(s.backend, 3);
  for (;;) {
    await using crashed = crashCopy(s.path);
    const kv = await crashed.backend.get(LEASE);
    if (kv?.modRevision === versions[3]!.modRevision) {
      expect(kv).toEqual(versions[3]!);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
});

test("compaction with only renewals since the last one keeps every value readable across a restart", async () => {
  await using s = openTempSqlite({ volatileFlushMs: 0 });
  const b = s.backend;
  const first = await renewals(b, 2);
  await b.compact(b.currentRevision());
  let last = first.at(-1)!;
  for (let i = 3; i <= 20; i++) last = okKv(await b.update(LEASE, leaseValue(i), last.modRevision));
  await b.compact(b.currentRevision() - 1);
  expect(b.compactRevision()).toBe(b.currentRevision() - 1);
  expect(await b.get(LEASE)).toEqual(last);
  const reopened = await s.reopen();
  expect(await reopened.get(LEASE)).toEqual(last);
});
