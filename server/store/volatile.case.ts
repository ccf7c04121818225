// Conformance cases for volatile writes (node lease renewals, log/volatile.ts), run by every
// driver next to backend.case.ts: a renewal must be indistinguishable from a stored write
// for get, list, CAS and watch, whether or not storage holds it.
import { describe, expect, test } from "bun:test";
import type { BackendFactory } from "./backend.case.ts";
import { VOLATILE_PREFIX } from "./log/renewal.ts";
import { CompactedError, type Backend, type KeyValue, type WatchEvent, type WriteResult } from "./types.ts";

const TIMEOUT = 20_000;
export const LEASE = `${VOLATILE_PREFIX}node-1`;

/** A node Lease's stored text; `renew` only changes spec.renewTime. */
export function leaseValue(renew: number, holder = "node-1"): string {
  return JSON.stringify({
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "node-1", namespace: "kube-node-lease" },
    spec: { holderIdentity: holder, leaseDurationSeconds: 40, renewTime: `2026-01-01T00:00:${String(renew).padStart(2, "0")}.000000Z` },
  });
}

export function okKv(result: WriteResult): KeyValue {
  if (!result.ok) throw new Error(`expected the write to succeed, got ${JSON.stringify(result)}`);
  return result.kv;
}

/** Creates the lease and renews it `n` times; returns every version, oldest first. */
export async function renewals(b: Backend, n: number): Promise<KeyValue[]> {
  const versions = [okKv(await b.create(LEASE, leaseValue(0)))];
  for (let i = 1; i <= n; i++) versions.push(okKv(await b.update(LEASE, leaseValue(i), versions.at(-1)!.modRevision)));
  return versions;
}

/** Collects a watch's events until one at or past `revision` arrived. */
async function watched(b: Backend, prefix: string, afterRevision: number, revision: number): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  let watcher: { cancel(): void } | undefined;
  await new Promise<void>((resolve) => {
    watcher = b.watch(prefix, {
      afterRevision,
      onEvents(batch) {
        events.push(...batch);
        if ((events.at(-1)?.kv.modRevision ?? 0) >= revision) resolve();
      },
    });
  });
  watcher!.cancel();
  return events;
}

export function volatileCases(driver: string, open: BackendFactory): void {
  describe(`${driver} backend, lease renewals`, () => {
    test("a renewal gets the next revision and is seen by get, list and watch at once", async () => {
      await using s = await open();
      const b = s.backend;
      const live = watched(b, VOLATILE_PREFIX, 0, 3);
      const [created, r1, r2] = await renewals(b, 2);
      okKv(await b.create("/registry/core/pods/default/p", "{}"));
      expect([created!.modRevision, r1!.modRevision, r2!.modRevision]).toEqual([1, 2, 3]);
      expect(r2).toEqual({ key: LEASE, value: leaseValue(2), createRevision: 1, modRevision: 3 });
      expect(await b.get(LEASE)).toEqual(r2);
      expect((await b.list(VOLATILE_PREFIX)).kvs).toEqual([r2!]);
      expect(b.currentRevision()).toBe(4);
      const events = await live;
      expect(events.map((e) => [e.type, e.kv.modRevision])).toEqual([["create", 1], ["update", 2], ["update", 3]]);
      expect(events[2]).toEqual({ type: "update", kv: r2!, prevKv: r1! });
    }, TIMEOUT);

    test("an update or delete must name the renewal's revision, and then succeeds", async () => {
      await using s = await open();
      const b = s.backend;
      const [, r1, r2] = await renewals(b, 2);
      expect(await b.update(LEASE, leaseValue(3), r1!.modRevision)).toEqual({ ok: false, current: r2! });
      const moved = okKv(await b.update(LEASE, leaseValue(3, "node-2"), r2!.modRevision));
      expect(moved).toMatchObject({ value: leaseValue(3, "node-2"), createRevision: 1, modRevision: 4 });
      const r4 = okKv(await b.update(LEASE, leaseValue(4, "node-2"), moved.modRevision));
      expect(await b.delete(LEASE, r2!.modRevision)).toEqual({ ok: false, current: r4 });
      const deleted = okKv(await b.delete(LEASE, r4.modRevision));
      expect(deleted).toEqual({ ...r4, modRevision: 6 });
      expect(await b.get(LEASE)).toBeUndefined();
      const events = await watched(b, VOLATILE_PREFIX, 0, 6);
      expect(events.map((e) => [e.type, e.kv.modRevision, e.prevKv?.modRevision])).toEqual([
        ["create", 1, undefined],
        ["update", 2, 1],
        ["update", 3, 2],
        ["update", 4, 3],
        ["update", 5, 4],
        ["delete", 6, 5],
      ]);
    }, TIMEOUT);

    test("renewals and a holder change of one lease in one batch keep their order", async () => {
      await using s = await open();
      const b = s.backend;
      const created = okKv(await b.create(LEASE, leaseValue(0)));
      const head = b.currentRevision();
      const writes = [
        b.update(LEASE, leaseValue(1), created.modRevision),
        b.update(LEASE, leaseValue(2, "node-2"), head + 1),
        b.update(LEASE, leaseValue(3, "node-2"), head + 2),
        b.update(LEASE, leaseValue(4, "node-2"), head + 1),
      ];
      const [r1, moved, r3, stale] = await Promise.all(writes);
      expect([okKv(r1!).modRevision, okKv(moved!).modRevision, okKv(r3!).modRevision]).toEqual([head + 1, head + 2, head + 3]);
      expect(stale).toEqual({ ok: false, current: okKv(r3!) });
      expect(await b.get(LEASE)).toEqual(okKv(r3!));
      expect((await b.list(VOLATILE_PREFIX, { revision: head + 2 })).kvs).toEqual([okKv(moved!)]);
      const events = await watched(b, VOLATILE_PREFIX, created.modRevision, head + 3);
      expect(events.map((e) => [e.kv.value, e.prevKv?.modRevision])).toEqual([
        [leaseValue(1), created.modRevision],
        [leaseValue(2, "node-2"), head + 1],
        [leaseValue(3, "node-2"), head + 2],
      ]);
    }, TIMEOUT);

    test("two stored writes of a lease with an unstored renewal in one batch store the renewal once", async () => {
      await using s = await open();
      const b = s.backend;
      const [, r1] = await renewals(b, 1);
      const [moved, deleted] = await Promise.all([b.update(LEASE, leaseValue(2, "node-2"), r1!.modRevision), b.delete(LEASE)]);
      expect(okKv(moved!).modRevision).toBe(3);
      expect(okKv(deleted!).modRevision).toBe(4);
      expect(await b.get(LEASE)).toBeUndefined();
      const events = await watched(b, VOLATILE_PREFIX, 0, 4);
      expect(events.map((e) => [e.type, e.kv.modRevision])).toEqual([["create", 1], ["update", 2], ["update", 3], ["delete", 4]]);
    }, TIMEOUT);

    test("a watch from the past replays renewals in revision order among other writes", async () => {
      await using s = await open();
      const b = s.backend;
      const created = okKv(await b.create(LEASE, leaseValue(0)));
      let last = created;
      for (let i = 1; i <= 5; i++) {
        okKv(await b.create(`/registry/core/pods/default/p${i}`, "{}"));
        last = okKv(await b.update(LEASE, leaseValue(i), last.modRevision));
      }
      const all = await watched(b, "/registry/", 0, 11);
      expect(all.map((e) => e.kv.modRevision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(all.filter((e) => e.kv.key === LEASE).map((e) => e.kv.value)).toEqual([0, 1, 2, 3, 4, 5].map((i) => leaseValue(i)));
      const leases = await watched(b, VOLATILE_PREFIX, 5, 11);
      expect(leases.map((e) => [e.kv.modRevision, e.prevKv?.modRevision])).toEqual([[7, 5], [9, 7], [11, 9]]);
    }, TIMEOUT);

    test("list and get at an old revision see the renewal current then", async () => {
      await using s = await open();
      const b = s.backend;
      const versions = await renewals(b, 3);
      okKv(await b.create("/registry/core/pods/default/p", "{}"));
      for (const v of versions) {
        expect((await b.list(VOLATILE_PREFIX, { revision: v.modRevision })).kvs).toEqual([v]);
      }
      expect((await b.list("/registry/", { revision: 3, limit: 1 })).kvs).toEqual([versions[2]!]);
    }, TIMEOUT);

    test("compaction keeps the newest renewal and the replay above the compact revision", async () => {
      await using s = await open();
      const b = s.backend;
      const versions = await renewals(b, 6); // revisions 1..7
      await b.compact(4);
      expect(await b.get(LEASE)).toEqual(versions[6]!);
      expect((await b.list(VOLATILE_PREFIX, { revision: 4 })).kvs).toEqual([versions[3]!]);
      expect(() => b.watch(VOLATILE_PREFIX, { afterRevision: 3, onEvents() {} })).toThrow(CompactedError);
      const events = await watched(b, VOLATILE_PREFIX, 4, 7);
      expect(events.map((e) => e.kv.modRevision)).toEqual([5, 6, 7]);
      await b.compact(7);
      expect(await b.get(LEASE)).toEqual(versions[6]!);
      const next = okKv(await b.update(LEASE, leaseValue(7), 7));
      expect(next.modRevision).toBe(8);
      expect((await watched(b, VOLATILE_PREFIX, 7, 8)).map((e) => e.kv.modRevision)).toEqual([8]);
    }, TIMEOUT);
  });
}
