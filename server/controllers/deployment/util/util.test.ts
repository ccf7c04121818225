import { describe, expect, test } from "bun:test";
import { computeHash } from "../../history/hash.ts";
import { resolveFenceposts, scaledValue } from "./intstr.ts";
import { equalIgnoreHash } from "./replicasets.ts";

describe("maxSurge and maxUnavailable", () => {
  const cases: [number | string, number | string, number, number, number][] = [
    ["25%", "25%", 3, 1, 0],
    ["25%", "25%", 10, 3, 2],
    ["25%", "25%", 4, 1, 1],
    [0, "1%", 2, 0, 1],
    ["1%", "25%", 2, 1, 0],
    [0, 0, 5, 0, 1],
    [2, 3, 10, 2, 3],
    ["50%", "50%", 1, 1, 0],
  ];
  test.each(cases)("surge %p, unavailable %p of %p → %p and %p (surge rounds up, unavailable down, never both 0)", (s, u, n, surge, unavailable) => {
    expect(resolveFenceposts(s, u, n)).toEqual({ surge, unavailable });
  });

  test("a value that is neither an int nor a percentage is an error naming it", () => {
    expect(() => scaledValue("3", 10, true)).toThrow('invalid value "3"');
  });
});

describe("pod-template-hash", () => {
  const template = { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] } };

  test("is stable for equal templates whatever their key order, in the safe alphabet", () => {
    const reordered = { spec: { containers: [{ image: "nginx:1.14.2", name: "nginx" }] }, metadata: { labels: { app: "nginx" } } };
    expect(computeHash(template)).toBe(computeHash(reordered));
    expect(computeHash(template)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  test("changes with the template and with the collision count", () => {
    const other = { ...template, spec: { containers: [{ name: "nginx", image: "nginx:1.16.1" }] } };
    expect(computeHash(other)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
  });

  test("templates are compared without their pod-template-hash label", () => {
    const withHash = { ...template, metadata: { labels: { app: "nginx", "pod-template-hash": "abc" }, creationTimestamp: null } };
    expect(equalIgnoreHash(template, withHash as never)).toBe(true);
    expect(equalIgnoreHash(template, { ...template, spec: { containers: [] } })).toBe(false);
  });
});
