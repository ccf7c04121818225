import { expect, test } from "bun:test";
import { creationSchedule, pace, type Clock } from "./scale-pacer.ts";

test("3,000 pods at 10 pods/s in Deployments of 10 are 300 creations one second apart", () => {
  const s = creationSchedule({ totalPods: 3_000, perDeployment: 10, podsPerSecond: 10 });
  expect(s.length).toBe(300);
  expect(s[0]).toEqual({ index: 0, replicas: 10, atMs: 0 });
  expect(s[1]!.atMs).toBe(1_000);
  expect(s.at(-1)!.atMs).toBe(299_000);
  expect(s.reduce((n, c) => n + c.replicas, 0)).toBe(3_000);
});

test("the last Deployment holds the remainder, and its time follows the pods before it", () => {
  const s = creationSchedule({ totalPods: 25, perDeployment: 10, podsPerSecond: 5 });
  expect(s.map((c) => [c.replicas, c.atMs])).toEqual([[10, 0], [10, 2_000], [5, 4_000]]);
});

test("a schedule needs at least one replica per Deployment and a positive rate", () => {
  expect(() => creationSchedule({ totalPods: 10, perDeployment: 0, podsPerSecond: 10 })).toThrow("perDeployment must be ≥ 1");
  expect(() => creationSchedule({ totalPods: 10, perDeployment: 1, podsPerSecond: 0 })).toThrow("podsPerSecond > 0");
});

function fakeClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

test("pace starts each creation at its time, never early", async () => {
  const clock = fakeClock();
  const started: number[] = [];
  const r = await pace(creationSchedule({ totalPods: 30, perDeployment: 10, podsPerSecond: 10 }), async () => void started.push(clock.t), { clock });
  expect(started).toEqual([0, 1_000, 2_000]);
  expect(r).toEqual({ started: 3, pods: 30, failed: 0, capped: false });
});

test("pace stops at the cap and says so, and counts failed creations with the first error", async () => {
  const clock = fakeClock();
  let n = 0;
  const r = await pace(creationSchedule({ totalPods: 100, perDeployment: 10, podsPerSecond: 10 }), async () => {
    if (n++ % 2) throw new Error(`quota ${n}`);
  }, { clock, capMs: 4_500 });
  expect(r).toEqual({ started: 5, pods: 50, failed: 2, firstError: "quota 2", capped: true });
});

test("pace keeps at most inFlight creations running", async () => {
  let running = 0;
  let most = 0;
  const schedule = Array.from({ length: 20 }, (_, index) => ({ index, replicas: 1, atMs: 0 }));
  await pace(schedule, async () => {
    most = Math.max(most, ++running);
    await Bun.sleep(1);
    running -= 1;
  }, { inFlight: 3 });
  expect(most).toBe(3);
});
