// What the SQLite driver does to its files: durability before acknowledgement, nothing
// written while idle, history really removed by compaction, one owner per file.
import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCompactor } from "../compactor.ts";
import { LEASE, leaseValue, okKv } from "../volatile.case.ts";
import { openSqliteBackend } from "./index.ts";
import { openTempSqlite } from "./testing.ts";

function fileState(dir: string) {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const st = statSync(join(dir, name), { bigint: true });
      return `${name} ${st.size} ${st.mtimeNs}`;
    });
}

test("an idle store with a running compactor writes nothing to disk", async () => {
  await using s = openTempSqlite();
  const b = s.backend;
  await Promise.all(Array.from({ length: 50 }, (_, i) => b.create(`/registry/pods/default/p${i}`, "{}")));
  const compactor = startCompactor(b, { keepRevisions: 10, intervalMs: 60_000 });
  expect(await compactor.runOnce()).toBe(true);
  const before = fileState(s.dir);
  for (let i = 0; i < 5; i++) {
    expect(await compactor.runOnce()).toBe(false);
    await b.list("/registry/pods/");
    await b.get("/registry/pods/default/p1");
    b.watch("/registry/", { afterRevision: 40, onEvents() {} }).cancel();
  }
  expect(fileState(s.dir)).toEqual(before);
  expect(before.some((f) => f.startsWith("state.db-shm"))).toBe(false);
  await compactor.stop();
});

test("an acknowledged write is already in the files on disk", async () => {
  await using s = openTempSqlite();
  expect((await s.backend.create("/k", "durable")).ok).toBe(true);
  const copy = mkdtempSync(join(tmpdir(), "kubun-copy-"));
  try {
    copyFileSync(s.path, join(copy, "state.db"));
    copyFileSync(`${s.path}-wal`, join(copy, "state.db-wal"));
    const db = new Database(join(copy, "state.db"));
    expect(db.query("SELECT value FROM kv WHERE key = '/k'").get()).toEqual({ value: "durable" });
    db.close();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("compaction removes superseded rows and old tombstones from the table", async () => {
  await using s = openTempSqlite({ compaction: { chunkRows: 7 } });
  let b = s.backend;
  for (let i = 0; i < 20; i++) await b.create(`/k${i}`, "v0");
  for (let round = 1; round <= 4; round++) {
    for (let i = 0; i < 20; i++) {
      const cur = (await b.get(`/k${i}`))!;
      await b.update(`/k${i}`, `v${round}`, cur.modRevision);
    }
  }
  for (let i = 0; i < 10; i++) await b.delete(`/k${i}`);
  await b.create("/last", "{}");
  await b.compact(b.currentRevision());
  await b.close();
  const db = new Database(s.path);
  const rows = db.query("SELECT key, value, deleted FROM kv ORDER BY id").all();
  db.close();
  // Ten live keys at their newest value, plus the row at the compact revision.
  expect(rows).toEqual([
    ...Array.from({ length: 10 }, (_, i) => ({ key: `/k${i + 10}`, value: "v4", deleted: 0 })),
    { key: "/last", value: "{}", deleted: 0 },
  ]);
  b = await s.reopen();
  expect(b.currentRevision()).toBe(111);
});

test("a second open of the same file is refused while the first holds it", async () => {
  await using s = openTempSqlite();
  await s.backend.create("/k", "1");
  expect(() => openSqliteBackend(s.path)).toThrow(`store file ${s.path} is in use by another process`);
  expect((await s.backend.get("/k"))?.value).toBe("1");
});

test("closing the store folds the WAL back into the database file", async () => {
  await using s = openTempSqlite();
  await s.backend.create("/k", "1");
  expect(existsSync(`${s.path}-wal`)).toBe(true);
  await s.backend.close();
  expect(existsSync(`${s.path}-wal`)).toBe(false);
});

/** Bytes this process caused to be sent to the storage layer (Linux /proc/self/io). */
function writeBytes(): number {
  const line = readFileSync("/proc/self/io", "utf8").split("\n").find((l) => l.startsWith("write_bytes:"));
  if (!line) throw new Error("/proc/self/io has no write_bytes line (needs a Linux kernel with task I/O accounting)");
  return Number(line.split(/\s+/)[1]);
}

test("lease renewals write nothing to the files, compaction included, until the store closes", async () => {
  await using s = openTempSqlite();
  const b = s.backend;
  const leases = Array.from({ length: 50 }, (_, i) => `${LEASE}-${i}`);
  const current = new Map<string, number>();
  for (const key of leases) current.set(key, okKv(await b.create(key, leaseValue(0))).modRevision);
  const renewAll = async (renew: number) => {
    await Promise.all(leases.map(async (key) => current.set(key, okKv(await b.update(key, leaseValue(renew % 60), current.get(key)!)).modRevision)));
  };
  await renewAll(1); // the first renewal persists the revision reservation mark
  await b.compact(b.currentRevision());
  const compactor = startCompactor(b, { keepRevisions: 10, intervalMs: 60_000 });
  const files = fileState(s.dir);
  const bytes = writeBytes();
  for (let round = 2; round <= 41; round++) {
    await renewAll(round);
    if (round % 10 === 0) expect(await compactor.runOnce()).toBe(true);
  }
  await compactor.stop();
  // 2,000 renewals: no file changed (size or mtime) and the process wrote almost nothing.
  expect(fileState(s.dir)).toEqual(files);
  expect(writeBytes() - bytes).toBeLessThan(16_384);
  const last = await b.get(leases[0]!);
  await s.reopen();
  expect(await s.backend.get(leases[0]!)).toEqual(last);
});
