import { expect, test } from "bun:test";
import { duplicateJsonFields } from "./duplicates.ts";

test("a JSON text without repeated keys has no duplicates", () => {
  expect(duplicateJsonFields(`{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}`)).toEqual([]);
});

test("repeated keys are reported with their dotted paths", () => {
  expect(duplicateJsonFields(`{"spec":{"replicas":1,"replicas":2},"kind":"x","kind":"y"}`)).toEqual(["spec.replicas", "kind"]);
  expect(duplicateJsonFields(`{"items":[{"n":1},{"n":1,"n":2}]}`)).toEqual(["items[1].n"]);
});

test("keys inside strings and escaped quotes do not confuse the scan", () => {
  expect(duplicateJsonFields(`{"a":"{\\"a\\":1,\\"a\\":2}","b":"x,y"}`)).toEqual([]);
});
