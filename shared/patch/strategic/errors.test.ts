// Bad strategic merge patches answer 400 or 422 with a message naming the rule, never a 5xx.
import { describe, expect, test } from "bun:test";
import { StatusError } from "../../api/errors.ts";
import { applyStrategicMergePatch } from "./index.ts";

const pod = {
  metadata: { name: "p", finalizers: ["a"] },
  spec: { containers: [{ name: "c", image: "i", env: [{ name: "A", value: "1" }] }] },
};

const cases: [name: string, patch: unknown, code: number, message: string][] = [
  ["a list item without its merge key", { spec: { containers: [{ image: "x" }] } }, 400, "does not contain declared merge key: name"],
  ["a delete item without its merge key", { spec: { containers: [{ $patch: "delete" }] } }, 400, "does not contain declared merge key: name"],
  ["an unknown $patch in a map", { spec: { $patch: "explode" } }, 400, 'unknown patch type: "explode"'],
  ["an unknown $patch in a list item", { spec: { containers: [{ name: "c", $patch: "explode" }] } }, 400, "unknown patch type"],
  ["$retainKeys that is not a list", { spec: { $retainKeys: "containers" } }, 400, "invalid patch format of retainKeys"],
  ["a patch key missing from $retainKeys", { spec: { $retainKeys: ["hostname"], subdomain: "s" } }, 400, 'field "subdomain" is in the patch but not in $retainKeys'],
  ["$deleteFromPrimitiveList that is not a list", { metadata: { "$deleteFromPrimitiveList/finalizers": "a" } }, 400, "invalid patch format of primitive list"],
  ["$deleteFromPrimitiveList without a list name", { metadata: { "$deleteFromPrimitiveList/": ["a"] } }, 400, "invalid patch format of primitive list"],
  ["$setElementOrder that is not a list", { spec: { "$setElementOrder/containers": { name: "c" } } }, 400, "invalid patch format of setElementOrder list"],
  ["$setElementOrder whose items lack the merge key", { spec: { "$setElementOrder/containers": [{ image: "c" }] } }, 400, "does not contain the merge key name"],
  ["$setElementOrder that contradicts the patch order",
    { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "a" }], containers: [{ name: "a" }, { name: "b" }] } }, 400, "does not match $setElementOrder/containers"],
  ["a merge list mixing objects and strings", { spec: { containers: ["c"] } }, 400, "list element types are not identical"],
  ["a list of lists in a merge list", { metadata: { finalizers: [["x"]] } }, 422, "lists of lists are not supported"],
  ["a patch that is not an object", [1], 400, "must be a JSON object"],
];

describe("strategic merge patch errors", () => {
  for (const [name, patch, code, message] of cases) {
    test(`${name} is a ${code}`, () => {
      let caught: unknown;
      try {
        applyStrategicMergePatch(pod, patch as object, "Pod");
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StatusError);
      expect((caught as StatusError).code).toBe(code);
      expect((caught as StatusError).message).toContain(message);
    });
  }

  test("a failed patch leaves the original untouched", () => {
    const before = structuredClone(pod);
    expect(() => applyStrategicMergePatch(pod, { metadata: { labels: { a: "b" } }, spec: { containers: [{ image: "x" }] } }, "Pod")).toThrow();
    expect(pod).toEqual(before);
  });
});
