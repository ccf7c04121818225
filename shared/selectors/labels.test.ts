import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { labelSelectorFromObject, labelSelectorMatcher, parseLabelSelector, selectorMatches, selectorToString } from "./labels.ts";

describe("parseLabelSelector", () => {
  const cases: [string, string][] = [
    ["", ""],
    ["a=b", "a=b"],
    ["a==b", "a==b"],
    ["a!=b", "a!=b"],
    ["a in (y,x)", "a in (x,y)"],
    ["a notin (x)", "a notin (x)"],
    ["a", "a"],
    ["!a", "!a"],
    ["a>1", "a>1"],
    ["a<1", "a<1"],
    ["  z = b ,  a  ", "a,z=b"],
    ["x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"],
    ["in in (in)", "in in (in)"],
    ["app.kubernetes.io/name=web", "app.kubernetes.io/name=web"],
    ["a=", "a="],
    ["a in (x),a notin (y)", "a in (x),a notin (y)"],
  ];
  test.each(cases)("parses %p and prints it back as %p", (input, printed) => {
    expect(parseLabelSelector(input).toString()).toBe(printed);
  });

  const bad: [string, string][] = [
    ["a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ["a=b c", "found 'c', expected: ',' or 'end of string'"],
    ["a=b,", "found '', expected: identifier after ','"],
    [",a", "found ',', expected: !, identifier, or 'end of string'"],
    ["a in x", "unable to parse requirement: found 'x' expected: '('"],
    ["a in (x", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ["a=b!", "found '!', expected: ',' or 'end of string'"],
    ["!a=b", "found '=', expected: ',' or 'end of string'"],
    ["a=(", "unable to parse requirement: found '(', expected: identifier"],
  ];
  test.each(bad)("rejects %p with 400 %p", (input, message) => {
    let err: unknown;
    try {
      parseLabelSelector(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(400);
    expect((err as StatusError).reason).toBe("BadRequest");
    expect((err as StatusError).message).toBe(message);
  });

  test("rejects an invalid key with the qualified-name rule in the message", () => {
    expect(() => parseLabelSelector("-a=b")).toThrow(
      'unable to parse requirement: Invalid value: "-a": name part must consist of alphanumeric characters',
    );
  });

  test("rejects an invalid value, naming the key", () => {
    expect(() => parseLabelSelector("a=-b")).toThrow('unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be');
  });

  test("rejects a value longer than 63 characters", () => {
    expect(() => parseLabelSelector(`a=${"x".repeat(64)}`)).toThrow("must be no more than 63 characters");
  });
});

describe("label matching", () => {
  const labels = { app: "web", tier: "fe", n: "5" };
  const cases: [string, boolean][] = [
    ["", true],
    ["app=web", true],
    ["app==web", true],
    ["app=db", false],
    ["app!=db", true],
    ["missing!=x", true],
    ["app in (db,web)", true],
    ["app notin (db,web)", false],
    ["missing notin (x)", true],
    ["missing in (x)", false],
    ["app", true],
    ["!app", false],
    ["!missing", true],
    ["n>4", true],
    ["n>5", false],
    ["n<6", true],
    ["tier>1", false],
    ["missing<1", false],
    ["app=web,tier=fe", true],
    ["app=web,tier=be", false],
  ];
  test.each(cases)("%p matches {app:web,tier:fe,n:5}: %p", (sel, want) => {
    expect(parseLabelSelector(sel).matches(labels)).toBe(want);
  });

  test("an absent label set matches only negative terms", () => {
    expect(parseLabelSelector("a!=b,!c").matches(undefined)).toBe(true);
    expect(parseLabelSelector("a").matches(undefined)).toBe(false);
  });

  test("requiresExactMatch finds the single value a key must have", () => {
    expect(parseLabelSelector("a=b,c in (d)").requiresExactMatch("a")).toBe("b");
    expect(parseLabelSelector("a=b,c in (d)").requiresExactMatch("c")).toBe("d");
    expect(parseLabelSelector("a!=b").requiresExactMatch("a")).toBeUndefined();
  });
});

describe("LabelSelector objects", () => {
  test("an absent selector matches nothing and an empty one everything", () => {
    expect(labelSelectorFromObject(undefined).matches({ a: "b" })).toBe(false);
    expect(labelSelectorFromObject({}).matches({ a: "b" })).toBe(true);
    expect(selectorMatches(null, {})).toBe(false);
  });

  test("matchLabels and matchExpressions combine with AND", () => {
    const sel = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["fe", "be"] },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "track", operator: "Exists" },
        { key: "canary", operator: "DoesNotExist" },
      ],
    };
    expect(selectorMatches(sel, { app: "web", tier: "fe", track: "x" })).toBe(true);
    expect(selectorMatches(sel, { app: "web", tier: "fe", track: "x", canary: "1" })).toBe(false);
    expect(selectorMatches(sel, { app: "web", tier: "fe", env: "prod", track: "x" })).toBe(false);
  });

  const formats: [unknown, string][] = [
    [undefined, "<none>"],
    [{}, "<none>"],
    [{ matchLabels: { b: "2", a: "1" } }, "a=1,b=2"],
    [{ matchExpressions: [{ key: "t", operator: "In", values: ["y", "x"] }] }, "t in (x,y)"],
    [{ matchExpressions: [{ key: "t", operator: "NotIn", values: ["x"] }] }, "t notin (x)"],
    [{ matchExpressions: [{ key: "t", operator: "Exists" }, { key: "s", operator: "DoesNotExist" }] }, "!s,t"],
    [{ matchExpressions: [{ key: "t", operator: "Bogus" }] }, "<error>"],
    [{ matchExpressions: [{ key: "t", operator: "In", values: [] }] }, "<error>"],
  ];
  test.each(formats)("selectorToString(%j) is %p", (sel, want) => {
    expect(selectorToString(sel as never)).toBe(want);
  });
});

describe("labelSelectorMatcher", () => {
  test("returns a predicate that an invalid selector makes always false", () => {
    expect(labelSelectorMatcher({ matchLabels: { a: "b" } })({ a: "b" })).toBe(true);
    expect(labelSelectorMatcher({ matchExpressions: [{ key: "a", operator: "Nope" }] })({ a: "b" })).toBe(false);
  });
});
