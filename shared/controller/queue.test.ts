import { describe, expect, test } from "bun:test";
import { FakeClock } from "./clock.ts";
import { WorkQueue } from "./queue.ts";

describe("WorkQueue", () => {
  test("a key added twice before it is taken waits once", async () => {
    const q = new WorkQueue();
    q.add("a");
    q.add("b");
    q.add("a");
    expect(q.length).toBe(2);
    expect(await q.get()).toBe("a");
    expect(await q.get()).toBe("b");
  });

  test("a key being processed is not handed out again; re-added meanwhile it comes back after done", async () => {
    const q = new WorkQueue();
    q.add("a");
    const key = await q.get();
    q.add("a");
    expect(q.length).toBe(0);
    let second: string | undefined;
    q.get().then((k) => (second = k));
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(key!);
    await Promise.resolve();
    expect(second).toBe("a");
  });

  test("get waits for the next add", async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.add("x");
    expect(await next).toBe("x");
  });

  test("addAfter makes the key available once its time has come; the earliest due time wins", async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock });
    q.addAfter("a", 100);
    q.addAfter("a", 50);
    q.addAfter("a", 200);
    expect(q.length).toBe(0);
    clock.advance(49);
    expect(q.length).toBe(0);
    clock.advance(1);
    expect(q.length).toBe(1);
    clock.advance(500);
    expect(q.length).toBe(1);
    expect(clock.pending).toBe(0);
  });

  test("addRateLimited backs off exponentially per key up to the cap; forget resets it", async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock, baseDelayMs: 5, maxDelayMs: 30 });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = clock.now();
      q.addRateLimited("a");
      while (q.length === 0 && clock.now() - start < 1000) clock.advance(1);
      delays.push(clock.now() - start);
      q.done((await q.get())!);
    }
    expect(delays).toEqual([5, 10, 20, 30, 30]);
    expect(q.retries("a")).toBe(5);
    q.forget("a");
    expect(q.retries("a")).toBe(0);
  });

  test("backoff is per key", () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock, baseDelayMs: 10 });
    q.addRateLimited("a");
    q.addRateLimited("a"); // still waiting: keeps the earlier due time (10 ms)
    q.addRateLimited("b");
    clock.advance(10);
    expect(q.length).toBe(2);
    expect(q.retries("a")).toBe(2);
    expect(q.retries("b")).toBe(1);
  });

  test("shutDown resolves waiting getters with undefined and refuses new keys", async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock });
    const waiting = q.get();
    q.addAfter("later", 10);
    q.shutDown();
    expect(await waiting).toBeUndefined();
    q.add("a");
    expect(await q.get()).toBeUndefined();
    expect(clock.pending).toBe(0);
  });
});
