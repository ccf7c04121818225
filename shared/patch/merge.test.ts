import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { applyMergePatch } from "./merge.ts";

describe("JSON merge patch (RFC 7386)", () => {
  const cases: [string, object, unknown, object][] = [
    ["a new key is added", { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    ["a scalar is replaced", { a: 1 }, { a: "x" }, { a: "x" }],
    ["null deletes a key", { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ["null for an absent key changes nothing", { a: 1 }, { z: null }, { a: 1 }],
    ["objects merge recursively", { m: { a: 1, b: 2 } }, { m: { b: 3, c: 4 } }, { m: { a: 1, b: 3, c: 4 } }],
    ["arrays are replaced wholesale", { l: [1, 2, 3] }, { l: [4] }, { l: [4] }],
    ["an object replaces a scalar and loses its nulls", { a: 1 }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
    ["kubectl label sets a label", { metadata: { name: "w" } }, { metadata: { labels: { tier: "fe" } } }, { metadata: { name: "w", labels: { tier: "fe" } } }],
    [
      "kubectl label app- removes the label",
      { metadata: { labels: { app: "w", tier: "fe" } } },
      { metadata: { labels: { app: null } } },
      { metadata: { labels: { tier: "fe" } } },
    ],
    ["kubectl scale sets spec.replicas", { spec: { replicas: 1, paused: true } }, { spec: { replicas: 3 } }, { spec: { replicas: 3, paused: true } }],
  ];
  for (const [name, original, patch, want] of cases) {
    test(name, () => expect(applyMergePatch(original, patch)).toEqual(want as Record<string, unknown>));
  }

  test("the inputs are not mutated", () => {
    const original = { m: { a: 1 } };
    const patch = { m: { b: { c: 1 } } };
    const out = applyMergePatch(original, patch);
    (out.m as { b: { c: number } }).b.c = 9;
    expect(original).toEqual({ m: { a: 1 } });
    expect(patch).toEqual({ m: { b: { c: 1 } } });
  });

  test("a __proto__ key is stored as data, not as the prototype", () => {
    const out = applyMergePatch({}, JSON.parse('{"data":{"__proto__":{"polluted":true}}}'));
    expect(Object.keys(out.data as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a patch that is not an object is a 400", () => {
    for (const patch of [[1], "x", null, 3]) {
      try {
        applyMergePatch({}, patch);
        throw new Error("no error");
      } catch (e) {
        expect(e).toBeInstanceOf(StatusError);
        expect((e as StatusError).code).toBe(400);
      }
    }
  });
});
