import { expect, test } from "bun:test";
import { MemoryEngine } from "../memory/engine.ts";
import { LogBackend } from "./backend.ts";
import { VOLATILE_PREFIX } from "./renewal.ts";

/** A memory engine whose syncs wait until the test releases them. */
class GatedEngine extends MemoryEngine {
  readonly gates: { release(): void; fail(err: Error): void }[] = [];
  #waiters: (() => void)[] = [];

  override sync(): Promise<void> {
    return new Promise((release, fail) => {
      this.gates.push({ release: () => release(), fail });
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** Resolves when `n` syncs have been requested in total. */
  async syncRequested(n: number): Promise<void> {
    while (this.gates.length < n) await new Promise<void>((r) => this.#waiters.push(r));
  }
}

test("a write resolves only after its batch is synced, and reads do not see it before", async () => {
  const engine = new GatedEngine();
  const b = new LogBackend(engine);
  let done = false;
  const write = b.create("/k", "1").then(() => (done = true));
  await engine.syncRequested(1);
  expect(done).toBe(false);
  expect(b.currentRevision()).toBe(0);
  expect(await b.get("/k")).toBeUndefined();
  engine.gates[0]!.release();
  await write;
  expect(b.currentRevision()).toBe(1);
  expect((await b.get("/k"))?.value).toBe("1");
});

test("writes arriving during a sync are committed together in the next transaction", async () => {
  const engine = new GatedEngine();
  const b = new LogBackend(engine);
  const first = b.create("/first", "1");
  await engine.syncRequested(1);
  const rest = Array.from({ length: 50 }, (_, i) => b.create(`/k${i}`, "{}"));
  engine.gates[0]!.release();
  await first;
  await engine.syncRequested(2);
  expect(b.stats().commits).toBe(1);
  engine.gates[1]!.release();
  const results = await Promise.all(rest);
  expect(results.every((r) => r.ok)).toBe(true);
  expect(b.stats()).toEqual({ commits: 2, writes: 51 });
});

test("maxBatch 1 gives every write its own transaction", async () => {
  const b = new LogBackend(new MemoryEngine(), { maxBatch: 1 });
  await Promise.all(Array.from({ length: 10 }, (_, i) => b.create(`/k${i}`, "{}")));
  expect(b.stats()).toEqual({ commits: 10, writes: 10 });
});

test("a failed sync fails the batch, the queue and every later write", async () => {
  const engine = new GatedEngine();
  const b = new LogBackend(engine);
  const first = b.create("/a", "1");
  await engine.syncRequested(1);
  const queued = b.create("/b", "1");
  const settled = Promise.allSettled([first, queued]);
  engine.gates[0]!.fail(new Error("EIO"));
  const reasons = (await settled).map((r) => (r.status === "rejected" ? String(r.reason) : "resolved"));
  expect(reasons).toEqual(Array(2).fill("Error: store failed: sync after commit: Error: EIO"));
  await expect(b.create("/c", "1")).rejects.toThrow("store failed");
  expect(b.currentRevision()).toBe(0);
});

test("a transaction that throws fails only its own batch", async () => {
  const engine = new MemoryEngine();
  const write = engine.write.bind(engine);
  let broken = true;
  engine.write = (rows, reserve) => {
    if (broken) throw new Error("disk full");
    return write(rows, reserve);
  };
  const b = new LogBackend(engine);
  await expect(b.create("/a", "1")).rejects.toThrow("disk full");
  broken = false;
  expect(await b.create("/a", "1")).toMatchObject({ ok: true, kv: { modRevision: 1 } });
});

test("invalid keys and values are refused before reaching storage", async () => {
  const b = new LogBackend(new MemoryEngine());
  await expect(b.create("", "1")).rejects.toThrow("store key must be a non-empty string");
  await expect(b.create("/k\u{10FFFF}", "1")).rejects.toThrow("must not contain U+10FFFF");
  await expect(b.create("/k", undefined as unknown as string)).rejects.toThrow("must be a string");
  expect(b.stats().writes).toBe(0);
});

test("a renewal waits for a sync only when it raises the reservation mark", async () => {
  const engine = new GatedEngine();
  const b = new LogBackend(engine, { reserveBlock: 3, volatileFlushMs: 0 });
  const key = `${VOLATILE_PREFIX}n`;
  const lease = (t: number) => JSON.stringify({ metadata: { name: "n" }, spec: { holderIdentity: "n", renewTime: `t${t}` } });
  const created = b.create(key, lease(0));
  await engine.syncRequested(1);
  engine.gates[0]!.release();
  let last = await created;
  const renew = async (t: number) => (last = await b.update(key, lease(t), last.ok ? last.kv.modRevision : 0));
  const first = renew(1); // revision 2 > mark 0: the mark becomes 5, synced first
  await engine.syncRequested(2);
  engine.gates[1]!.release();
  await first;
  for (let t = 2; t <= 4; t++) await renew(t); // revisions 3..5: no sync
  expect(engine.gates.length).toBe(2);
  expect(engine.reservedRevision()).toBe(5);
  const sixth = renew(5); // revision 6 > 5
  await engine.syncRequested(3);
  expect(engine.reservedRevision()).toBe(9);
  engine.gates[2]!.release();
  expect(await sixth).toMatchObject({ ok: true, kv: { modRevision: 6 } });
  expect(b.stats()).toEqual({ commits: 3, writes: 6 });
});
