import { describe, expect, test } from "bun:test";
import { FakeClock } from "./clock.ts";
import { Expectations } from "./expectations.ts";

describe("Expectations", () => {
  test("a key with no recorded writes is satisfied", () => {
    expect(new Expectations().satisfied("ns/a", () => undefined)).toBe(true);
  });

  test("a create is pending until the cache shows the object", () => {
    const e = new Expectations();
    e.created("ns/a", "pod-1");
    expect(e.satisfied("ns/a", () => undefined)).toBe(false);
    expect(e.satisfied("ns/a", (n) => (n === "pod-1" ? { uid: "u", deleting: false } : undefined))).toBe(true);
    expect(e.satisfied("ns/a", () => undefined)).toBe(true);
  });

  test("a delete is pending while the cache still shows the same object alive", () => {
    const e = new Expectations();
    e.deleted("ns/a", "pod-1", "u1");
    expect(e.satisfied("ns/a", () => ({ uid: "u1", deleting: false }))).toBe(false);
    expect(e.satisfied("ns/a", () => ({ uid: "u1", deleting: true }))).toBe(true);
    e.deleted("ns/a", "pod-1", "u1");
    expect(e.satisfied("ns/a", () => ({ uid: "u2", deleting: false }))).toBe(true);
  });

  test("writes never seen are forgotten after the ttl", () => {
    const clock = new FakeClock(0);
    const e = new Expectations({ clock, ttlMs: 100 });
    e.created("ns/a", "pod-1");
    expect(e.satisfied("ns/a", () => undefined)).toBe(false);
    clock.advance(100);
    expect(e.satisfied("ns/a", () => undefined)).toBe(true);
  });
});
