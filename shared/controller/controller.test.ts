import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { FakeClock } from "./clock.ts";
import { Controller } from "./controller.ts";
import { waitUntil } from "./testing.ts";

describe("Controller", () => {
  test("a failing key is retried with backoff until it succeeds, then its backoff is forgotten", async () => {
    let calls = 0;
    const c = new Controller({
      name: "t",
      queue: { baseDelayMs: 1, maxDelayMs: 4 },
      reconcile() {
        if (++calls < 3) throw new Error("not yet");
      },
    }).start();
    c.enqueue("a");
    await waitUntil("three calls", () => calls === 3);
    await waitUntil("the backoff reset", () => c.queue.retries("a") === 0);
    await c.stop();
  });

  test("NotFound means done: the key is not retried", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const c = new Controller({
      name: "t",
      queue: { clock },
      reconcile() {
        calls++;
        throw new StatusError(404, "NotFound", 'configmaps "x" not found');
      },
    }).start();
    c.enqueue("x");
    await waitUntil("the call", () => calls === 1);
    await c.stop();
    expect(clock.pending).toBe(0);
    expect(c.queue.retries("x")).toBe(0);
  });

  test("one key is never reconciled twice at once; a key added meanwhile runs once more afterwards", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = new Map<string, number>();
    const runs: string[] = [];
    let maxA = 0;
    const c = new Controller({
      name: "t",
      workers: 4,
      async reconcile(key: string) {
        running.set(key, (running.get(key) ?? 0) + 1);
        maxA = Math.max(maxA, running.get("a") ?? 0);
        runs.push(key);
        if (key === "a" && runs.filter((k) => k === "a").length === 1) await gate;
        running.set(key, running.get(key)! - 1);
      },
    }).start();
    c.enqueue("a");
    await waitUntil("a running", () => running.get("a") === 1);
    c.enqueue("a");
    c.enqueue("a");
    c.enqueue("b");
    await waitUntil("b done", () => runs.includes("b"));
    expect(runs.filter((k) => k === "a").length).toBe(1);
    release();
    await waitUntil("a again", () => runs.filter((k) => k === "a").length === 2 && running.get("a") === 0);
    expect(maxA).toBe(1);
    await c.stop();
  });

  test("requeueAfterMs reconciles the key again after that time", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const c = new Controller({ name: "t", queue: { clock }, reconcile: () => (++calls === 1 ? { requeueAfterMs: 500 } : undefined) }).start();
    c.enqueue("k");
    await waitUntil("first call", () => calls === 1 && clock.pending === 1);
    clock.advance(499);
    expect(calls).toBe(1);
    clock.advance(1);
    await waitUntil("second call", () => calls === 2);
    await c.stop();
  });

  test("workers wait for ready() and stop() waits for the reconcile in flight", async () => {
    let ready!: () => void;
    let finish!: () => void;
    let started = false;
    let finished = false;
    const c = new Controller({
      name: "t",
      ready: () => new Promise<void>((r) => (ready = r)),
      async reconcile() {
        started = true;
        await new Promise<void>((r) => (finish = r));
        finished = true;
      },
    }).start();
    c.enqueue("k");
    await Promise.resolve();
    expect(started).toBe(false);
    ready();
    await waitUntil("the reconcile", () => started);
    const stopping = c.stop();
    finish();
    await stopping;
    expect(finished).toBe(true);
  });
});
