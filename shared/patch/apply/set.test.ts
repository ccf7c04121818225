import { describe, expect, test } from "bun:test";
import { prettyPath } from "./path.ts";
import { FieldSet } from "./set.ts";

describe("FieldSet", () => {
  const fieldsV1 = {
    "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
    "f:spec": {
      "f:replicas": {},
      "f:template": {
        "f:spec": {
          "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {} } },
        },
      },
    },
  };

  test("round-trips fieldsV1", () => {
    expect(FieldSet.fromFieldsV1(fieldsV1).toFieldsV1()).toEqual(fieldsV1);
  });

  test("serialises children sorted and '.' first", () => {
    const set = FieldSet.of(["f:b"], ["f:a", "k:{\"x\":1}"], ["f:a"], ["f:a", "f:z"], ["f:a", "v:\"s\""]);
    expect(JSON.stringify(set.toFieldsV1())).toBe('{"f:a":{".":{},"f:z":{},"k:{\\"x\\":1}":{},"v:\\"s\\"":{}},"f:b":{}}');
  });

  test("member paths exclude nodes that only lead somewhere", () => {
    const set = FieldSet.fromFieldsV1(fieldsV1);
    expect(set.has(["f:metadata", "f:labels"])).toBe(true);
    expect(set.has(["f:metadata"])).toBe(false);
    expect(set.paths().length).toBe(6);
  });

  test("union, difference and intersection work on members", () => {
    const a = FieldSet.of(["f:a"], ["f:b", "f:c"]);
    const b = FieldSet.of(["f:b", "f:c"], ["f:d"]);
    expect(a.union(b).paths()).toEqual([["f:a"], ["f:b", "f:c"], ["f:d"]]);
    expect(a.difference(b).paths()).toEqual([["f:a"]]);
    expect(a.intersection(b).paths()).toEqual([["f:b", "f:c"]]);
    expect(a.difference(a).isEmpty()).toBe(true);
  });

  test("withoutSubtree drops a path and everything under it", () => {
    const set = FieldSet.of(["f:metadata", "f:name"], ["f:metadata", "f:labels", "f:a"], ["f:spec"]);
    expect(set.withoutSubtree(["f:metadata", "f:name"]).paths()).toEqual([["f:metadata", "f:labels", "f:a"], ["f:spec"]]);
    expect(set.withoutSubtree(["f:metadata"]).paths()).toEqual([["f:spec"]]);
  });
});

describe("prettyPath", () => {
  const cases: [string[], string][] = [
    [["f:spec", "f:replicas"], ".spec.replicas"],
    [["f:spec", "f:containers", 'k:{"name":"nginx"}', "f:image"], '.spec.containers[name="nginx"].image'],
    [["f:ports", 'k:{"containerPort":80,"protocol":"TCP"}'], '.ports[containerPort=80,protocol="TCP"]'],
    [["f:metadata", "f:finalizers", 'v:"a"'], '.metadata.finalizers[="a"]'],
  ];
  for (const [tokens, want] of cases) test(`prints ${want}`, () => expect(prettyPath(tokens)).toBe(want));
});
