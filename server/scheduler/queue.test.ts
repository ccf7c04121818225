import { describe, expect, test } from "bun:test";
import { FakeClock } from "../../shared/controller/index.ts";
import { SchedulingQueue } from "./queue.ts";

function setup() {
  const clock = new FakeClock();
  return { clock, queue: new SchedulingQueue({ clock, initialBackoffMs: 1000, maxBackoffMs: 4000, maxUnschedulableMs: 60_000 }) };
}
const ready = (q: SchedulingQueue) => q.readyCount;

describe("SchedulingQueue", () => {
  test("an unschedulable pod stays parked when it is seen again unchanged", async () => {
    const { queue } = setup();
    queue.add("a");
    const key = (await queue.get())!;
    queue.markUnschedulable(key);
    queue.done(key);
    queue.add("a");
    expect(ready(queue)).toBe(0);
    expect(queue.isUnschedulable("a")).toBe(true);
  });

  test("a cluster change retries parked pods once their backoff has passed", async () => {
    const { clock, queue } = setup();
    queue.add("a");
    queue.markUnschedulable((await queue.get())!);
    queue.done("a");
    clock.advance(400);
    queue.moveToActive();
    expect(ready(queue)).toBe(0);
    clock.advance(600);
    expect(ready(queue)).toBe(1);
  });

  test("backoff doubles per attempt up to the cap", async () => {
    const { clock, queue } = setup();
    const waits: number[] = [];
    queue.add("a");
    for (let i = 0; i < 4; i++) {
      const key = (await queue.get())!;
      queue.markUnschedulable(key);
      queue.done(key);
      queue.moveToActive();
      const start = clock.now();
      while (ready(queue) === 0) clock.advance(100);
      waits.push(clock.now() - start);
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
  });

  test("parked pods are retried after the maximum time even if nothing changes", async () => {
    const { clock, queue } = setup();
    queue.add("a");
    queue.markUnschedulable((await queue.get())!);
    queue.done("a");
    clock.advance(59_999);
    expect(ready(queue)).toBe(0);
    clock.advance(1);
    expect(ready(queue)).toBe(1);
  });

  test("a change to the pod itself retries it at once", async () => {
    const { queue } = setup();
    queue.add("a");
    queue.markUnschedulable((await queue.get())!);
    queue.done("a");
    queue.activate("a");
    expect(ready(queue)).toBe(1);
  });

  test("moveToActive can pick which parked pods to retry", async () => {
    const { clock, queue } = setup();
    for (const k of ["a", "b"]) queue.add(k);
    for (let i = 0; i < 2; i++) {
      const k = (await queue.get())!;
      queue.markUnschedulable(k);
      queue.done(k);
    }
    clock.advance(1000);
    queue.moveToActive((k) => k === "b");
    clock.advance(1);
    expect(ready(queue)).toBe(1);
    expect(queue.isUnschedulable("a")).toBe(true);
  });
});
