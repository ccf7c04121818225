import { expect, test } from "bun:test";
import { averageRate, peakRate, PodTracker, readWatch } from "./scale-pods.ts";

const pod = (uid: string, nodeName?: string, phase?: string, rv = "1") => ({ metadata: { uid, name: uid, resourceVersion: rv }, spec: { containers: [], nodeName }, status: { phase } });

test("a pod's startup runs from its first event to the first event showing it Running", () => {
  const t = new PodTracker();
  t.observe({ type: "ADDED", object: pod("a") }, 1_000);
  t.observe({ type: "MODIFIED", object: pod("a", "n1") }, 1_050);
  t.observe({ type: "MODIFIED", object: pod("a", "n1", "Pending") }, 1_100);
  t.observe({ type: "MODIFIED", object: pod("a", "n1", "Running") }, 1_400);
  t.observe({ type: "MODIFIED", object: pod("a", "n1", "Running", "9") }, 5_000);
  t.observe({ type: "ADDED", object: pod("b", "n2") }, 2_000);
  expect(t.counts()).toEqual({ seen: 2, bound: 2, running: 1 });
  expect(t.startup()).toMatchObject({ count: 1, p50: 400, p99: 400 });
  expect(t.bindTimes()).toEqual([1_050, 2_000]);
  expect(t.resourceVersion).toBe("1");
});

test("bookmarks move the resourceVersion on and deleted pods keep their times", () => {
  const t = new PodTracker();
  t.observe({ type: "ADDED", object: pod("a", "n1", "Running", "5") }, 10);
  t.observe({ type: "DELETED", object: pod("a", "n1", "Running", "6") }, 20);
  t.observe({ type: "BOOKMARK", object: { metadata: { resourceVersion: "7" } } as never }, 30);
  expect(t.resourceVersion).toBe("7");
  expect(t.startup()).toMatchObject({ count: 1, p50: 0 });
});

test("the average rate counts intervals between the first and last event; the peak is the busiest window", () => {
  expect(averageRate([0, 500, 1_000])).toBe(2);
  expect(averageRate([5])).toBe(0);
  expect(peakRate([0, 100, 200, 300, 2_000, 5_000], 1_000)).toBe(4);
  expect(peakRate([0, 100, 200, 300], 2_000)).toBe(2);
  expect(peakRate([], 1_000)).toBe(0);
});

test("readWatch splits events across chunk boundaries", async () => {
  const enc = new TextEncoder();
  const parts = ['{"type":"ADDED","object":{"metadata":{"uid":"a"}}}\n{"type":"MOD', 'IFIED","object":{"metadata":{"uid":"a"}}}\n'];
  const body = new ReadableStream<Uint8Array>({ start(c) { for (const p of parts) c.enqueue(enc.encode(p)); c.close(); } });
  const seen: [string | undefined, number][] = [];
  let clock = 0;
  await readWatch(body, (ev, at) => seen.push([ev.type, at]), () => ++clock);
  expect(seen).toEqual([["ADDED", 1], ["MODIFIED", 2]]);
});
