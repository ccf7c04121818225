import { expect, test } from "bun:test";
import { openMemoryBackend } from "./memory/index.ts";
import { startCompactor, type Compactable } from "./compactor.ts";

async function storeWith(writes: number) {
  const backend = openMemoryBackend();
  await Promise.all(Array.from({ length: writes }, (_, i) => backend.create(`/k${i}`, "{}")));
  let compactions = 0;
  const counted: Compactable = {
    currentRevision: () => backend.currentRevision(),
    compactRevision: () => backend.compactRevision(),
    compact: (rev) => (compactions++, backend.compact(rev)),
  };
  return { backend, counted, compactions: () => compactions };
}

const manualTimers = () => {
  const t = { tick: undefined as undefined | (() => void), cleared: false };
  return {
    t,
    timers: {
      setInterval: (fn: () => void) => (t.tick = fn),
      clearInterval: () => void (t.cleared = true),
    },
  };
};

test("the compactor keeps a bounded window of history", async () => {
  const s = await storeWith(30);
  const { timers } = manualTimers();
  const compactor = startCompactor(s.counted, { keepRevisions: 10, timers });
  expect(await compactor.runOnce()).toBe(true);
  expect(s.backend.compactRevision()).toBe(20);
  await compactor.stop();
  await s.backend.close();
});

test("the compactor does not compact again while nothing is written", async () => {
  const s = await storeWith(30);
  const { timers } = manualTimers();
  const compactor = startCompactor(s.counted, { keepRevisions: 10, timers });
  expect(await compactor.runOnce()).toBe(true);
  expect(await compactor.runOnce()).toBe(false);
  expect(await compactor.runOnce()).toBe(false);
  expect(s.compactions()).toBe(1);
  await s.backend.create("/new", "{}");
  expect(await compactor.runOnce()).toBe(true);
  expect(s.backend.compactRevision()).toBe(21);
  await compactor.stop();
  await s.backend.close();
});

test("the compactor leaves a store shorter than the window alone", async () => {
  const s = await storeWith(5);
  const { timers } = manualTimers();
  const compactor = startCompactor(s.counted, { keepRevisions: 10, timers });
  expect(await compactor.runOnce()).toBe(false);
  expect(s.compactions()).toBe(0);
  await compactor.stop();
  await s.backend.close();
});

test("the compactor runs on its timer, reports failures, and stops", async () => {
  const s = await storeWith(30);
  const { t, timers } = manualTimers();
  const errors: unknown[] = [];
  const failing: Compactable = { ...s.counted, compact: () => Promise.reject(new Error("disk gone")) };
  const compactor = startCompactor(failing, { keepRevisions: 10, timers, onError: (e) => errors.push(e) });
  t.tick!();
  await compactor.stop();
  expect(String(errors[0])).toBe("Error: disk gone");
  expect(t.cleared).toBe(true);
  await s.backend.close();
});
