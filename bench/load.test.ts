import { expect, test } from "bun:test";
import { runConcurrent } from "./load.ts";

test("workers run at most `concurrency` operations at once and stop at the operation budget", async () => {
  let inFlight = 0;
  let most = 0;
  const r = await runConcurrent({
    concurrency: 4,
    durationMs: 10_000,
    maxOps: 40,
    op: async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await Bun.sleep(1);
      inFlight -= 1;
    },
  });
  expect(most).toBe(4);
  expect(r.ok).toBe(40);
  expect(r.latencies).toHaveLength(40);
  expect(r.errors).toBe(0);
});

test("each operation's latency is measured on the injected clock and throughput uses the whole run", async () => {
  let t = 0;
  const r = await runConcurrent({
    concurrency: 1,
    durationMs: 100,
    now: () => t,
    op: async () => {
      t += 10;
    },
  });
  expect(r.latencies).toEqual(Array(10).fill(10));
  expect(r.elapsedMs).toBe(100);
  expect(r.perSecond).toBe(100);
});

test("failures are counted with the first message and never enter the latencies", async () => {
  const r = await runConcurrent({
    concurrency: 2,
    durationMs: 10_000,
    maxOps: 6,
    op: async (_w, seq) => {
      if (seq % 2 === 1) throw new Error(`HTTP 500 on try ${seq}`);
    },
  });
  expect(r.ok).toBe(4);
  expect(r.errors).toBe(2);
  expect(r.firstError).toBe("HTTP 500 on try 1");
});

test("the worker index and a per-worker sequence number reach the operation", async () => {
  const seen: string[] = [];
  await runConcurrent({ concurrency: 2, durationMs: 10_000, maxOps: 4, op: async (w, seq) => void seen.push(`${w}:${seq}`) });
  expect(seen.sort()).toEqual(["0:0", "0:1", "1:0", "1:1"]);
});
