import { describe, expect, test } from "bun:test";
import type { Client } from "../client/index.ts";
import { createLogger } from "../log.ts";
import { FakeClock } from "./clock.ts";
import type { SharedInformers } from "./informers.ts";
import { Reconciler } from "./reconciler.ts";
import { waitUntil } from "./testing.ts";

const options = (clock?: FakeClock) => ({ client: {} as Client, informers: {} as SharedInformers, log: createLogger("error", {}, () => true), clock });

/** An informer whose first sync completes when the test says so. */
function pendingInformer() {
  let synced!: () => void;
  const done = new Promise<void>((resolve) => (synced = resolve));
  return { waitForSync: () => done, synced };
}

describe("Reconciler", () => {
  test("workers take no key until every informer has synced", async () => {
    const base = new Reconciler(options(), "t");
    const [a, b] = [pendingInformer(), pendingInformer()];
    const seen: string[] = [];
    const loop = base.run({ informers: [a, b], reconcile: (key) => void seen.push(key) });
    loop.enqueue("ns/x");
    a.synced();
    await new Promise((r) => setImmediate(r)); // every microtask after the first sync has run
    expect(seen).toEqual([]);
    b.synced();
    await waitUntil("the key reconciled", () => seen.length === 1);
    await base.stop([]);
  });

  test("a loop's queue runs on the injected clock unless the queue options name another", async () => {
    const clock = new FakeClock();
    const base = new Reconciler(options(clock), "t");
    const loop = base.run({ informers: [], reconcile: () => {} });
    loop.queue.addAfter("later", 1000);
    expect(clock.pending).toBe(1);

    const own = new FakeClock();
    const other = new Reconciler({ ...options(clock), queue: { clock: own } }, "u");
    other.run({ informers: [], reconcile: () => {} }).queue.addAfter("later", 1000);
    expect(own.pending).toBe(1);
    expect(clock.pending).toBe(1);
    await Promise.all([base.stop([]), other.stop([])]);
  });

  test("stop unsubscribes the handlers and stops every loop", async () => {
    const base = new Reconciler(options(), "t");
    const loops = [base.run({ informers: [], reconcile: () => {} }), base.run({ name: "t-other", informers: [], reconcile: () => {} })];
    let unsubscribed = 0;
    await base.stop([() => unsubscribed++, () => unsubscribed++]);
    expect(unsubscribed).toBe(2);
    for (const l of loops) expect(await l.queue.get()).toBeUndefined();
  });
});
