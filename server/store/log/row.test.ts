import { expect, test } from "bun:test";
import { KEY_CEILING, prefixEnd } from "./row.ts";

test("prefixEnd bounds exactly the keys under a prefix", () => {
  expect(prefixEnd("/registry/pods/")).toBe("/registry/pods0");
  expect(prefixEnd("a\u{10FFFF}")).toBe("b");
  expect(prefixEnd("\u{D7FF}")).toBe("\u{E000}");
  expect(prefixEnd("")).toBe(KEY_CEILING);
  const under = ["/registry/pods/", "/registry/pods/a", "/registry/pods/\u{FFFF}z"];
  const outside = ["/registry/pods", "/registry/pods0", "/registry/podsX"];
  const end = prefixEnd("/registry/pods/");
  for (const k of under) expect(k >= "/registry/pods/" && k < end).toBe(true);
  for (const k of outside) expect(k >= "/registry/pods/" && k < end).toBe(false);
});
