import { describe, expect, test } from "bun:test";
import { IP_BAND, Pool, PORT_BAND } from "./pool.ts";
import { addressRange, portRange } from "./range.ts";

/** A deterministic "random" source cycling through the given fractions. */
const cycle = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

describe("allocation pools", () => {
  test("dynamic picks come from above the static band, skip reserved addresses, then fill the band", () => {
    // /27: 30 usable addresses; the static band is the first 16.
    const pool = new Pool(addressRange("10.0.0.0/27"), { band: IP_BAND, reserved: ["10.0.0.1", "10.0.0.10"], random: () => 0 });
    expect(pool.staticBand).toBe(16);
    const token = {};
    const picked = Array.from({ length: 28 }, () => pool.next(token, "u")!);
    expect(picked.slice(0, 14)).toEqual(Array.from({ length: 14 }, (_, i) => `10.0.0.${17 + i}`));
    expect(new Set(picked).size).toBe(28);
    expect(picked).not.toContain("10.0.0.1");
    expect(picked).not.toContain("10.0.0.10");
    expect(pool.next(token, "u")).toBeUndefined();
  });

  test("a random start wraps around inside the band", () => {
    const pool = new Pool(portRange({ min: 30000, max: 32767 }), { band: PORT_BAND, random: cycle(0.9999999) });
    expect(pool.staticBand).toBe(86);
    expect(pool.next({}, "u")).toBe("32767");
    expect(pool.next({}, "u")).toBe("30086");
  });

  test("a held item is taken for other Services but not for its holder", () => {
    const pool = new Pool(portRange({ min: 30000, max: 30010 }), { band: PORT_BAND });
    const token = {};
    pool.hold("30005", token, "svc-a");
    expect(pool.takenBy("30005", "svc-b")).toBe("svc-a");
    expect(pool.takenBy("30005", "svc-a")).toBeUndefined();
    pool.unhold("30005", token);
    expect(pool.takenBy("30005", "svc-b")).toBeUndefined();
  });

  test("claims mirror stored Services: the first claimant keeps an item, and only it can unclaim", () => {
    const pool = new Pool(portRange({ min: 30000, max: 30010 }), { band: PORT_BAND });
    expect(pool.claim("30001", "a")).toBeUndefined();
    expect(pool.claim("30001", "b")).toBe("a");
    pool.unclaim("30001", "b");
    expect(pool.takenBy("30001", "c")).toBe("a");
    pool.unclaim("30001", "a");
    expect(pool.takenBy("30001", "c")).toBeUndefined();
    expect(pool.used()).toBe(0);
  });

  test("claimed and held items are never picked", () => {
    const pool = new Pool(portRange({ min: 30000, max: 30002 }), { band: PORT_BAND });
    pool.claim("30000", "a");
    pool.hold("30001", {}, "b");
    expect(pool.next({}, "c")).toBe("30002");
    expect(pool.next({}, "c")).toBeUndefined();
    expect(pool.used()).toBe(3);
  });
});
