// The conformance suite every store driver runs (sqlite/sqlite.test.ts, memory/memory.test.ts):
// one description of the Backend contract, many implementations.
import { describe, expect, test } from "bun:test";
import { CompactedError, type Backend, type KeyValue, type WatchEvent, type WriteResult } from "./types.ts";

export interface OpenedBackend extends AsyncDisposable {
  backend: Backend;
  /** Closes the backend and opens the same storage again; only for persistent drivers. */
  reopen?(): Promise<Backend>;
}

/** Opens a fresh, empty backend; disposing it closes the backend and removes its files. */
export type BackendFactory = () => Promise<OpenedBackend>;

const TIMEOUT = 20_000;
const DEPLOYMENTS = "/registry/apps/deployments/";

function okKv(result: WriteResult): KeyValue {
  if (!result.ok) throw new Error(`expected the write to succeed, got ${JSON.stringify(result)}`);
  return result.kv;
}

/** Records a watch; `reached(rev)` resolves once an event at or past rev has arrived. */
function record(backend: Backend, prefix: string, afterRevision: number) {
  const events: WatchEvent[] = [];
  const waiters: { revision: number; resolve(): void }[] = [];
  const watcher = backend.watch(prefix, {
    afterRevision,
    onEvents(batch) {
      events.push(...batch);
      const last = events.at(-1)?.kv.modRevision ?? 0;
      for (const w of waiters.filter((w) => w.revision <= last)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
  });
  return {
    events,
    watcher,
    revisions: () => events.map((e) => e.kv.modRevision),
    reached(revision: number): Promise<void> {
      if ((events.at(-1)?.kv.modRevision ?? 0) >= revision) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ revision, resolve }));
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const nextTurn = () => new Promise((r) => setImmediate(r));

export function backendCases(driver: string, open: BackendFactory): void {
  describe(`${driver} backend`, () => {
    test("create stores a key and get returns it with its revisions", async () => {
      await using s = await open();
      const b = s.backend;
      expect(b.currentRevision()).toBe(0);
      const kv = okKv(await b.create(`${DEPLOYMENTS}default/web`, '{"a":1}'));
      expect(kv).toEqual({ key: `${DEPLOYMENTS}default/web`, value: '{"a":1}', createRevision: 1, modRevision: 1 });
      expect(b.currentRevision()).toBe(1);
      expect(await b.get(`${DEPLOYMENTS}default/web`)).toEqual(kv);
      expect(await b.get(`${DEPLOYMENTS}default/nope`)).toBeUndefined();
    }, TIMEOUT);

    test("create of an existing key fails and reports the current value", async () => {
      await using s = await open();
      const first = okKv(await s.backend.create("/k", "1"));
      expect(await s.backend.create("/k", "2")).toEqual({ ok: false, current: first });
      expect(s.backend.currentRevision()).toBe(1);
    }, TIMEOUT);

    test("update succeeds only when the expected modRevision matches", async () => {
      await using s = await open();
      const b = s.backend;
      const created = okKv(await b.create("/k", "1"));
      const updated = okKv(await b.update("/k", "2", created.modRevision));
      expect(updated).toEqual({ key: "/k", value: "2", createRevision: 1, modRevision: 2 });
      expect(await b.update("/k", "3", created.modRevision)).toEqual({ ok: false, current: updated });
      expect(await b.get("/k")).toEqual(updated);
    }, TIMEOUT);

    test("update of a missing key fails without a current value", async () => {
      await using s = await open();
      expect(await s.backend.update("/missing", "1", 0)).toEqual({ ok: false });
    }, TIMEOUT);

    test("delete returns the last value at the delete's revision and removes the key", async () => {
      await using s = await open();
      const b = s.backend;
      okKv(await b.create("/k", "1"));
      const deleted = okKv(await b.delete("/k"));
      expect(deleted).toEqual({ key: "/k", value: "1", createRevision: 1, modRevision: 2 });
      expect(await b.get("/k")).toBeUndefined();
      expect(await b.delete("/k")).toEqual({ ok: false });
    }, TIMEOUT);

    test("delete with a stale expected revision fails and keeps the key", async () => {
      await using s = await open();
      const b = s.backend;
      const v1 = okKv(await b.create("/k", "1"));
      const v2 = okKv(await b.update("/k", "2", v1.modRevision));
      expect(await b.delete("/k", v1.modRevision)).toEqual({ ok: false, current: v2 });
      expect(okKv(await b.delete("/k", v2.modRevision)).modRevision).toBe(3);
    }, TIMEOUT);

    test("a deleted key can be created again with a new createRevision", async () => {
      await using s = await open();
      const b = s.backend;
      okKv(await b.create("/k", "1"));
      okKv(await b.delete("/k"));
      expect(okKv(await b.create("/k", "again"))).toEqual({ key: "/k", value: "again", createRevision: 3, modRevision: 3 });
    }, TIMEOUT);

    test("a CAS miss in a batch does not fail the other writes of the batch", async () => {
      await using s = await open();
      const b = s.backend;
      const results = await Promise.all([
        b.create("/a", "1"),
        b.create("/a", "dup"),
        b.create("/b", "1"),
        b.update("/b", "2", 999),
        b.update("/a", "2", 1),
        b.delete("/missing"),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true, false, true, false]);
      expect(results.filter((r) => r.ok).map((r) => okKv(r).modRevision)).toEqual([1, 2, 3]);
      expect(results[1]).toEqual({ ok: false, current: okKv(results[0]!) });
      expect(await b.get("/a")).toEqual(okKv(results[4]!));
    }, TIMEOUT);

    test("200 concurrent creates all succeed with distinct revisions in fewer commits than writes", async () => {
      await using s = await open();
      const b = s.backend;
      const before = b.stats?.();
      const results = await Promise.all(range(1, 200).map((i) => b.create(`/registry/pods/default/p${i}`, `{"i":${i}}`)));
      const revisions = results.map((r) => okKv(r).modRevision).sort((x, y) => x - y);
      expect(revisions).toEqual(range(1, 200));
      expect(b.currentRevision()).toBe(200);
      expect(await b.count("/registry/pods/")).toBe(200);
      const after = b.stats?.();
      if (before && after) {
        expect(after.writes - before.writes).toBe(200);
        expect(after.commits - before.commits).toBeLessThan(200);
      }
    }, TIMEOUT);

    test("a write is invisible to reads until it is acknowledged", async () => {
      await using s = await open();
      const b = s.backend;
      let acknowledged = false;
      const write = b.create("/k", "1").then((r) => ((acknowledged = true), r));
      while (!(await b.get("/k"))) {
        expect(b.currentRevision()).toBe(0);
        await nextTurn();
      }
      expect(acknowledged).toBe(true);
      expect(okKv(await write).modRevision).toBe(1);
    }, TIMEOUT);

    test("list returns the live keys under a prefix in key order", async () => {
      await using s = await open();
      const b = s.backend;
      for (const key of ["default/web", "kube-system/dns", "default/api", "default2/x"]) {
        okKv(await b.create(`${DEPLOYMENTS}${key}`, "{}"));
      }
      okKv(await b.create("/registry/apps/replicasets/default/web-1", "{}"));
      okKv(await b.delete(`${DEPLOYMENTS}default/api`));
      const all = await b.list(DEPLOYMENTS);
      expect(all.kvs.map((kv) => kv.key)).toEqual(["default/web", "default2/x", "kube-system/dns"].map((k) => DEPLOYMENTS + k));
      expect(all).toMatchObject({ revision: 6, more: false });
      const one = await b.list(`${DEPLOYMENTS}default/`);
      expect(one.kvs.map((kv) => kv.key)).toEqual([`${DEPLOYMENTS}default/web`]);
      expect((await b.list("")).kvs).toHaveLength(4);
    }, TIMEOUT);

    test("list pages with limit and startAfter and says how many keys remain", async () => {
      await using s = await open();
      const b = s.backend;
      const keys = range(1, 25).map((i) => `${DEPLOYMENTS}ns${i % 3}/d${String(i).padStart(2, "0")}`);
      await Promise.all(keys.map((k) => b.create(k, "{}")));
      const seen: string[] = [];
      const pages: { more: boolean; remaining?: number }[] = [];
      let startAfter: string | undefined;
      for (;;) {
        const page = await b.list(DEPLOYMENTS, { limit: 10, startAfter, revision: 25 });
        seen.push(...page.kvs.map((kv) => kv.key));
        pages.push({ more: page.more, remaining: page.remaining });
        if (!page.more) break;
        startAfter = page.kvs.at(-1)!.key;
      }
      expect(seen).toEqual([...keys].sort());
      expect(pages).toEqual([{ more: true, remaining: 15 }, { more: true, remaining: 5 }, { more: false, remaining: undefined }]);
      const exact = await b.list(DEPLOYMENTS, { limit: 25 });
      expect(exact).toMatchObject({ more: false });
      expect(exact.kvs).toHaveLength(25);
    }, TIMEOUT);

    test("list at an old revision shows the state as of that revision", async () => {
      await using s = await open();
      const b = s.backend;
      const a1 = okKv(await b.create("/r/a", "a1"));
      const b1 = okKv(await b.create("/r/b", "b1"));
      okKv(await b.update("/r/a", "a2", a1.modRevision));
      okKv(await b.delete("/r/b", b1.modRevision));
      okKv(await b.create("/r/c", "c1"));
      const values = async (revision: number) => (await b.list("/r/", { revision })).kvs.map((kv) => kv.value);
      expect(await values(1)).toEqual(["a1"]);
      expect(await values(2)).toEqual(["a1", "b1"]);
      expect(await values(3)).toEqual(["a2", "b1"]);
      expect(await values(4)).toEqual(["a2"]);
      expect(await values(5)).toEqual(["a2", "c1"]);
      expect((await b.list("/r/", { revision: 2 })).revision).toBe(2);
    }, TIMEOUT);

    test("list at a revision newer than the current one fails", async () => {
      await using s = await open();
      okKv(await s.backend.create("/k", "1"));
      await expect(s.backend.list("/", { revision: 5 })).rejects.toThrow(/newer than the current revision 1/);
    }, TIMEOUT);

    test("count counts the live keys under a prefix", async () => {
      await using s = await open();
      const b = s.backend;
      await Promise.all(["a/1", "a/2", "a/3", "b/1"].map((k) => b.create(`/c/${k}`, "{}")));
      okKv(await b.delete("/c/a/2"));
      expect(await b.count("/c/a/")).toBe(2);
      expect(await b.count("/c/")).toBe(3);
      expect(await b.count("/nothing/")).toBe(0);
    }, TIMEOUT);

    test("watch replays history after a revision, then delivers live events", async () => {
      await using s = await open();
      const b = s.backend;
      const a = okKv(await b.create("/w/a", "1"));
      okKv(await b.update("/w/a", "2", a.modRevision));
      okKv(await b.create("/w/b", "1"));
      const w = record(b, "/w/", 1);
      okKv(await b.delete("/w/b"));
      await w.reached(4);
      expect(w.events.map((e) => [e.type, e.kv.key, e.kv.value, e.kv.modRevision])).toEqual([
        ["update", "/w/a", "2", 2],
        ["create", "/w/b", "1", 3],
        ["delete", "/w/b", "1", 4],
      ]);
      expect(w.events[0]!.prevKv).toEqual({ key: "/w/a", value: "1", createRevision: 1, modRevision: 1 });
      w.watcher.cancel();
    }, TIMEOUT);

    test("watch only delivers keys under its prefix", async () => {
      await using s = await open();
      const b = s.backend;
      const w = record(b, `${DEPLOYMENTS}default/`, 0);
      okKv(await b.create(`${DEPLOYMENTS}default2/x`, "{}"));
      okKv(await b.create(`${DEPLOYMENTS}default/web`, "{}"));
      okKv(await b.create("/registry/pods/default/p", "{}"));
      okKv(await b.create(`${DEPLOYMENTS}default/api`, "{}"));
      await w.reached(4);
      expect(w.revisions()).toEqual([2, 4]);
      w.watcher.cancel();
    }, TIMEOUT);

    test("watch of a delete carries the deleted value and the previous kv", async () => {
      await using s = await open();
      const b = s.backend;
      const v1 = okKv(await b.create("/d/k", '{"v":1}'));
      const v2 = okKv(await b.update("/d/k", '{"v":2}', v1.modRevision));
      const live = record(b, "/d/", b.currentRevision());
      okKv(await b.delete("/d/k"));
      await live.reached(3);
      const expected: WatchEvent = { type: "delete", kv: { ...v2, modRevision: 3 }, prevKv: v2 };
      expect(live.events).toEqual([expected]);
      const replayed = record(b, "/d/", 2);
      await replayed.reached(3);
      expect(replayed.events).toEqual([expected]);
      live.watcher.cancel();
      replayed.watcher.cancel();
    }, TIMEOUT);

    test("watches started while writes are in flight see every revision exactly once", async () => {
      await using s = await open();
      const b = s.backend;
      const total = 1500;
      const write = (i: number) => b.create(`/g/k${i}`, `{"i":${i}}`);
      await Promise.all(range(1, 1200).map(write)); // more history than one replay step
      const afters = [0, 600];
      const watches = afters.map((after) => record(b, "/g/", after));
      const start = (after: number) => (afters.push(after), watches.push(record(b, "/g/", after)));
      const inflight = range(1201, total).map(write);
      start(b.currentRevision());
      await nextTurn();
      start(b.currentRevision());
      start(100);
      await inflight[0];
      start(b.currentRevision());
      await Promise.all(inflight);
      okKv(await write(total + 1)); // every watch, even one started after the last batch, gets this
      await Promise.all(watches.map((w) => w.reached(total + 1)));
      watches.forEach((w, i) => {
        expect(w.revisions()).toEqual(range(afters[i]! + 1, total + 1));
        w.watcher.cancel();
      });
    }, TIMEOUT);

    test("a cancelled watch receives nothing more", async () => {
      await using s = await open();
      const b = s.backend;
      const cancelled = record(b, "/", 0);
      const other = record(b, "/", 0);
      okKv(await b.create("/x", "1"));
      await cancelled.reached(1);
      cancelled.watcher.cancel();
      okKv(await b.create("/y", "1"));
      await other.reached(2);
      expect(cancelled.revisions()).toEqual([1]);
      other.watcher.cancel();
    }, TIMEOUT);

    test("a watcher whose callback throws is dropped without affecting writers or other watchers", async () => {
      await using s = await open();
      const b = s.backend;
      let calls = 0;
      b.watch("/", {
        afterRevision: 0,
        onEvents() {
          calls += 1;
          throw new Error("boom");
        },
      });
      const healthy = record(b, "/", 0);
      okKv(await b.create("/x", "1"));
      okKv(await b.create("/y", "1"));
      await healthy.reached(2);
      expect(calls).toBe(1);
      healthy.watcher.cancel();
    }, TIMEOUT);

    test("compact keeps the latest value of every live key and the state at the compact revision", async () => {
      await using s = await open();
      const b = s.backend;
      const a1 = okKv(await b.create("/c/a", "a1")); // 1
      const a2 = okKv(await b.update("/c/a", "a2", a1.modRevision)); // 2
      okKv(await b.create("/c/b", "b1")); // 3
      okKv(await b.delete("/c/b")); // 4
      okKv(await b.create("/c/c", "c1")); // 5
      const a3 = okKv(await b.update("/c/a", "a3", a2.modRevision)); // 6
      await b.compact(5);
      expect(b.compactRevision()).toBe(5);
      expect((await b.list("/c/", { revision: 5 })).kvs.map((kv) => kv.value)).toEqual(["a2", "c1"]);
      expect((await b.list("/c/")).kvs.map((kv) => kv.value)).toEqual(["a3", "c1"]);
      expect(await b.get("/c/a")).toEqual(a3);
      const w = record(b, "/c/", 5);
      await w.reached(6);
      expect(w.events).toEqual([{ type: "update", kv: a3, prevKv: a2 }]);
      w.watcher.cancel();
      expect(okKv(await b.create("/c/b", "b2")).createRevision).toBe(7);
    }, TIMEOUT);

    test("list and watch below the compact revision throw CompactedError", async () => {
      await using s = await open();
      const b = s.backend;
      await Promise.all(range(1, 10).map((i) => b.create(`/k${i}`, "{}")));
      await b.compact(8);
      await expect(b.list("/", { revision: 7 })).rejects.toBeInstanceOf(CompactedError);
      expect(() => b.watch("/", { afterRevision: 7, onEvents() {} })).toThrow(CompactedError);
      expect(() => b.watch("/", { afterRevision: 7, onEvents() {} })).toThrow("too old resource version: 7 (8)");
      const w = record(b, "/", 8);
      await w.reached(10);
      expect(w.revisions()).toEqual([9, 10]);
      w.watcher.cancel();
    }, TIMEOUT);

    test("compact never goes past the current revision or backwards", async () => {
      await using s = await open();
      const b = s.backend;
      okKv(await b.create("/a", "1"));
      okKv(await b.delete("/a"));
      await b.compact(100);
      expect(b.compactRevision()).toBe(2);
      await b.compact(1);
      expect(b.compactRevision()).toBe(2);
      expect(okKv(await b.create("/a", "2")).modRevision).toBe(3);
    }, TIMEOUT);

    test("close waits for queued writes and refuses new ones", async () => {
      await using s = await open();
      const b = s.backend;
      const queued = b.create("/k", "1");
      await b.close();
      expect(okKv(await queued).modRevision).toBe(1);
      await expect(b.create("/j", "1")).rejects.toThrow("store is closed");
      await expect(b.get("/k")).rejects.toThrow("store is closed");
    }, TIMEOUT);

    test("reopening keeps data, revision and compact revision", async () => {
      await using s = await open();
      if (!s.reopen) return; // not a persistent driver
      let b = s.backend;
      const a = okKv(await b.create("/p/a", "1"));
      okKv(await b.update("/p/a", "2", a.modRevision));
      okKv(await b.create("/p/b", "1"));
      okKv(await b.delete("/p/b"));
      await b.compact(4); // the newest row (a tombstone) is at the compact revision
      b = await s.reopen();
      expect(b.currentRevision()).toBe(4);
      expect(b.compactRevision()).toBe(4);
      expect((await b.list("/p/")).kvs).toEqual([{ key: "/p/a", value: "2", createRevision: 1, modRevision: 2 }]);
      expect(() => b.watch("/", { afterRevision: 3, onEvents() {} })).toThrow(CompactedError);
      const w = record(b, "/", 4);
      expect(okKv(await b.create("/p/b", "again")).modRevision).toBe(5);
      await w.reached(5);
      w.watcher.cancel();
      b = await s.reopen();
      expect(b.currentRevision()).toBe(5);
    }, TIMEOUT);
  });
}
