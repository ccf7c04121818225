import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import {
  compileFieldSelector, fieldSelectorToString, matchFields, parseFieldSelector, requiresExactField, type FieldTerm,
} from "./fields.ts";

describe("parseFieldSelector", () => {
  const cases: [string, FieldTerm[]][] = [
    ["", []],
    ["a=b", [{ field: "a", op: "=", value: "b" }]],
    ["a==b", [{ field: "a", op: "==", value: "b" }]],
    ["a!=b", [{ field: "a", op: "!=", value: "b" }]],
    ["a=", [{ field: "a", op: "=", value: "" }]],
    ["b=2,a=1", [{ field: "a", op: "=", value: "1" }, { field: "b", op: "=", value: "2" }]],
    ["a=x\\,y", [{ field: "a", op: "=", value: "x,y" }]],
    ["a=x\\=y\\\\z", [{ field: "a", op: "=", value: "x=y\\z" }]],
    ["a=b,,c=d", [{ field: "a", op: "=", value: "b" }, { field: "c", op: "=", value: "d" }]],
  ];
  test.each(cases)("parses %p", (input, terms) => {
    expect(parseFieldSelector(input)).toEqual(terms);
  });

  const bad: [string, string][] = [
    ["a", "invalid selector: 'a'; can't understand 'a'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["a=b\\x", "invalid field selector: invalid escape sequence: \\x"],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\"],
    ["a=b=c", "invalid field selector: unescaped character in value: 61"],
  ];
  test.each(bad)("rejects %p with 400 %p", (input, message) => {
    let err: unknown;
    try {
      parseFieldSelector(input);
    } catch (e) {
      err = e;
    }
    expect((err as StatusError).code).toBe(400);
    expect((err as StatusError).message).toBe(message);
  });

  test("prints terms back with escapes", () => {
    expect(fieldSelectorToString(parseFieldSelector("a=x\\,y,b!=z"))).toBe("a=x\\,y,b!=z");
  });

  test("requiresExactField finds an equality term", () => {
    const terms = parseFieldSelector("metadata.name=web,status.phase!=Failed");
    expect(requiresExactField(terms, "metadata.name")).toBe("web");
    expect(requiresExactField(terms, "status.phase")).toBeUndefined();
  });
});

describe("field matching", () => {
  const pod = { name: "web", node: "" as string | undefined };
  const getters = {
    "metadata.name": (p: typeof pod) => p.name,
    "spec.nodeName": (p: typeof pod) => p.node,
  };

  const cases: [string, boolean][] = [
    ["", true],
    ["metadata.name=web", true],
    ["metadata.name==web", true],
    ["metadata.name!=web", false],
    ["spec.nodeName=", true],
    ["spec.nodeName!=", false],
    ["metadata.name=web,spec.nodeName=n1", false],
  ];
  test.each(cases)("%p on an unscheduled pod named web: %p", (sel, want) => {
    expect(compileFieldSelector(sel, getters)(pod)).toBe(want);
  });

  test("an unsupported field is a 400 naming the field", () => {
    expect(() => compileFieldSelector("spec.bogus=x", getters)).toThrow("field label not supported: spec.bogus");
  });

  test("a field the getter does not know reads as empty", () => {
    expect(matchFields(parseFieldSelector("x="), () => undefined)).toBe(true);
  });
});
