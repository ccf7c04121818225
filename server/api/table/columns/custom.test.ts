import { describe, expect, test } from "bun:test";
import { customResourcePrinter, evalJsonPath, parseJsonPath } from "./custom.ts";
import { NOW, ago, stored } from "./testutil.ts";

const ctx = { now: NOW };

describe("JSONPath subset", () => {
  const doc = { spec: { foo: "x", list: [{ x: 1 }, { x: 2 }] }, metadata: { labels: { "app.kubernetes.io/name": "w" } } };
  test("dotted fields, indexes, wildcards and quoted keys", () => {
    expect(evalJsonPath(doc, parseJsonPath(".spec.foo"))).toEqual(["x"]);
    expect(evalJsonPath(doc, parseJsonPath(".spec.list[1].x"))).toEqual([2]);
    expect(evalJsonPath(doc, parseJsonPath("{.spec.list[*].x}"))).toEqual([1, 2]);
    expect(evalJsonPath(doc, parseJsonPath(".metadata.labels['app.kubernetes.io/name']"))).toEqual(["w"]);
    expect(evalJsonPath(doc, parseJsonPath(".spec.missing.deeper"))).toEqual([]);
  });
  test("unsupported expressions are rejected", () => {
    expect(() => parseJsonPath(".spec.list[?(@.x==1)]")).toThrow(/unsupported JSONPath/);
  });
});

describe("custom resource printer", () => {
  const printer = customResourcePrinter([
    { name: "Size", type: "integer", jsonPath: ".spec.size" },
    { name: "Phase", type: "string", jsonPath: ".status.phase", description: "Current phase." },
    { name: "First", type: "string", jsonPath: ".status.conditions[0].type", priority: 1 },
    { name: "Ready", type: "boolean", jsonPath: ".status.ready" },
    { name: "Started", type: "date", jsonPath: ".status.startTime" },
  ]);

  test("columns are Name plus the printer columns with their types and priorities", () => {
    expect(printer.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ["Name", "string", 0],
      ["Size", "integer", 0],
      ["Phase", "string", 0],
      ["First", "string", 1],
      ["Ready", "boolean", 0],
      ["Started", "date", 0],
    ]);
    expect(printer.columns[2]!.description).toBe("Current phase.");
  });

  test("cells are typed; dates print as ages; missing values are null", () => {
    const o = stored("example.com/v1", "Widget", "w1", {
      spec: { size: 3 },
      status: { phase: "Ready", conditions: [{ type: "Available" }], ready: true, startTime: ago(90) },
    });
    expect(printer.cells(o, ctx)).toEqual(["w1", 3, "Ready", "Available", true, "90s"]);
    expect(printer.cells(stored("example.com/v1", "Widget", "w2"), ctx)).toEqual(["w2", null, null, null, null, null]);
  });

  test("without printer columns a custom resource gets Name and Age", () => {
    const p = customResourcePrinter(undefined);
    expect(p.columns.map((c) => c.name)).toEqual(["Name", "Age"]);
    expect(p.cells(stored("example.com/v1", "Widget", "w"), ctx)).toEqual(["w", "5m"]);
  });
});
