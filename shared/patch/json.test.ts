import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from "./json.ts";

function fails(doc: object, ops: unknown): StatusError {
  try {
    applyJsonPatch(doc, ops);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("JSON patch operations that apply", () => {
  const doc = { a: { b: 1 }, l: [1, 2, 3], "x/y": 1, "t~u": 2 };
  const cases: [string, unknown[], object][] = [
    ["add sets a new key", [{ op: "add", path: "/a/c", value: 2 }], { ...doc, a: { b: 1, c: 2 } }],
    ["add replaces an existing key", [{ op: "add", path: "/a/b", value: 5 }], { ...doc, a: { b: 5 } }],
    ["add inserts into an array", [{ op: "add", path: "/l/1", value: 9 }], { ...doc, l: [1, 9, 2, 3] }],
    ["add with - appends", [{ op: "add", path: "/l/-", value: 4 }], { ...doc, l: [1, 2, 3, 4] }],
    ["add at the array length appends", [{ op: "add", path: "/l/3", value: 4 }], { ...doc, l: [1, 2, 3, 4] }],
    ["remove deletes a key", [{ op: "remove", path: "/a/b" }], { ...doc, a: {} }],
    ["remove deletes an array element", [{ op: "remove", path: "/l/0" }], { ...doc, l: [2, 3] }],
    ["replace swaps a value", [{ op: "replace", path: "/l/2", value: "z" }], { ...doc, l: [1, 2, "z"] }],
    ["~1 escapes a slash", [{ op: "replace", path: "/x~1y", value: 7 }], { ...doc, "x/y": 7 }],
    ["~0 escapes a tilde", [{ op: "remove", path: "/t~0u" }], { a: { b: 1 }, l: [1, 2, 3], "x/y": 1 }],
    ["move relocates a value", [{ op: "move", from: "/a/b", path: "/m" }], { ...doc, a: {}, m: 1 }],
    ["copy duplicates a value", [{ op: "copy", from: "/a", path: "/c" }], { ...doc, c: { b: 1 } }],
    ["a passing test changes nothing", [{ op: "test", path: "/a", value: { b: 1 } }], doc],
    ["operations apply in order", [{ op: "add", path: "/n", value: {} }, { op: "add", path: "/n/k", value: 1 }], { ...doc, n: { k: 1 } }],
  ];
  for (const [name, ops, want] of cases) {
    test(name, () => expect(applyJsonPatch(doc, ops)).toEqual(want as Record<string, unknown>));
  }

  test("kubectl rollout undo replaces the template and the annotations", () => {
    const deploy = {
      metadata: { name: "web", annotations: { "deployment.kubernetes.io/revision": "2" } },
      spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] } } },
    };
    const template = { metadata: { creationTimestamp: null, labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] } };
    const out = applyJsonPatch(deploy, [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: { "deployment.kubernetes.io/revision": "3" } },
    ]);
    expect(out).toEqual({ metadata: { name: "web", annotations: { "deployment.kubernetes.io/revision": "3" } }, spec: { template } });
  });

  test("the original object is not mutated", () => {
    const original = { a: { b: [1] } };
    applyJsonPatch(original, [{ op: "add", path: "/a/b/-", value: 2 }]);
    expect(original).toEqual({ a: { b: [1] } });
  });
});

describe("JSON patch operations that cannot apply are 422", () => {
  const doc = { a: { b: 1 }, l: [1] };
  const cases: [string, unknown[], string][] = [
    ["replace on a missing key", [{ op: "replace", path: "/metadata/annotations", value: {} }], "replace operation does not apply"],
    ["remove on a missing key", [{ op: "remove", path: "/a/zz" }], "remove operation does not apply"],
    ["remove past the end of an array", [{ op: "remove", path: "/l/1" }], "doc is missing path: /l/1"],
    ["add under a missing parent", [{ op: "add", path: "/x/y", value: 1 }], "add operation does not apply"],
    ["add past the array length", [{ op: "add", path: "/l/5", value: 1 }], "index out of bounds"],
    ["a failing test", [{ op: "test", path: "/a/b", value: 2 }], "testing value /a/b failed"],
    ["a test of a missing path", [{ op: "test", path: "/nope", value: 2 }], "testing value /nope failed"],
    ["move from a missing path", [{ op: "move", from: "/nope", path: "/x" }], "move operation does not apply"],
    ["move into its own child", [{ op: "move", from: "/a", path: "/a/c" }], "into its own child"],
    ["an index with a leading zero", [{ op: "replace", path: "/l/00", value: 1 }], "replace operation does not apply"],
    ["a result that is not an object", [{ op: "replace", path: "", value: [1] }], "not a JSON object"],
  ];
  for (const [name, ops, message] of cases) {
    test(name, () => {
      const e = fails(doc, ops);
      expect(e.code).toBe(422);
      expect(e.reason).toBe("Invalid");
      expect(e.message).toContain(message);
    });
  }

  test("a failed operation leaves the original untouched", () => {
    const original = { a: 1 };
    fails(original, [{ op: "add", path: "/b", value: 2 }, { op: "test", path: "/a", value: 3 }]);
    expect(original).toEqual({ a: 1 });
  });
});

describe("malformed JSON patch documents are 400", () => {
  const cases: [string, unknown, string][] = [
    ["a patch that is not an array", { op: "add" }, "must be a JSON array"],
    ["an operation that is not an object", [1], "must be an object"],
    ["an unknown op", [{ op: "frob", path: "/a" }], 'unknown op "frob"'],
    ["a missing path", [{ op: "remove" }], '"path" must be a string'],
    ["a missing from", [{ op: "copy", path: "/a" }], '"from" must be a string'],
    ["a missing value", [{ op: "add", path: "/a" }], 'missing "value"'],
    ["a path without a leading slash", [{ op: "remove", path: "a" }], "invalid JSON pointer"],
    ["a bad ~ escape", [{ op: "remove", path: "/a~2" }], "invalid JSON pointer"],
  ];
  for (const [name, ops, message] of cases) {
    test(name, () => {
      const e = fails({ a: 1 }, ops);
      expect(e.code).toBe(400);
      expect(e.message).toContain(message);
    });
  }

  test("more than 10000 operations is 413", () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: "test", path: "", value: {} }));
    expect(fails({}, ops).code).toBe(413);
  });
});
