import { describe, expect, test } from "bun:test";
import type { ResourceType } from "../registry/types.ts";
import { NOW, stored } from "./columns/testutil.ts";
import { printerFor, toTable, toTableEvent } from "./table.ts";

const rt = (group: string, version: string, kind: string, extra: Partial<ResourceType> = {}): ResourceType => ({
  group,
  version,
  kind,
  plural: `${kind.toLowerCase()}s`,
  singular: kind.toLowerCase(),
  namespaced: true,
  strategy: {},
  ...extra,
});

const podRT = rt("", "v1", "Pod");
const pod = stored("v1", "Pod", "web-abc", { spec: { containers: [{ name: "c" }] }, status: { phase: "Pending" } }, {
  labels: { app: "web" },
  managedFields: [{ manager: "kubectl" }],
});

describe("toTable", () => {
  test("returns a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default", () => {
    const t = toTable(podRT, [pod], { now: NOW, listMeta: { resourceVersion: "1234", continue: "" } });
    expect(t.kind).toBe("Table");
    expect(t.apiVersion).toBe("meta.k8s.io/v1");
    expect(t.metadata).toEqual({ resourceVersion: "1234", continue: "" });
    expect(t.columnDefinitions[0]).toEqual({
      name: "Name",
      type: "string",
      format: "name",
      description: expect.any(String),
      priority: 0,
    });
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.cells.slice(0, 3)).toEqual(["web-abc", "0/1", "Pending"]);
    expect(t.rows[0]!.object).toEqual({
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: {
        name: "web-abc",
        namespace: "default",
        uid: "uid-web-abc",
        resourceVersion: "7",
        creationTimestamp: pod.metadata.creationTimestamp,
        labels: { app: "web" },
      },
    });
  });

  test("includeObject=Object embeds the full object and None embeds nothing", () => {
    expect(toTable(podRT, [pod], { now: NOW, includeObject: "Object" }).rows[0]!.object).toBe(pod);
    expect("object" in toTable(podRT, [pod], { now: NOW, includeObject: "None" }).rows[0]!).toBe(false);
  });

  test("only list-meta fields are copied from a page object", () => {
    const page = { items: [pod], resourceVersion: "9", continue: "abc" } as never;
    expect(toTable(podRT, [pod], { now: NOW, listMeta: page }).metadata).toEqual({ resourceVersion: "9", continue: "abc" });
  });

  test("a single object without list meta carries its resourceVersion", () => {
    expect(toTable(podRT, [pod], { now: NOW }).metadata).toEqual({ resourceVersion: "7" });
  });

  test("watch events carry columns only on the first event", () => {
    expect(toTableEvent(podRT, pod, { now: NOW, first: true }).columnDefinitions.length).toBe(9);
    expect(toTableEvent(podRT, pod, { now: NOW, first: false }).columnDefinitions).toEqual([]);
  });

  test("an empty list still has its columns", () => {
    expect(toTable(podRT, [], { now: NOW, listMeta: { resourceVersion: "3" } }).columnDefinitions.length).toBe(9);
  });
});

describe("printer lookup", () => {
  test("built-in kinds get their columns by group and kind", () => {
    expect(printerFor(rt("apps", "v1", "Deployment")).columns[1]!.name).toBe("Ready");
    expect(printerFor(rt("events.k8s.io", "v1", "Event")).columns[0]!.name).toBe("Last Seen");
  });

  test("roles and CRDs use Name and Created At like upstream's default convertor", () => {
    const t = toTable(rt("rbac.authorization.k8s.io", "v1", "Role"), [stored("rbac.authorization.k8s.io/v1", "Role", "r", {}, { creationTimestamp: "2025-01-02T03:04:05Z" })], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type])).toEqual([["Name", "string"], ["Created At", "date"]]);
    expect(t.rows[0]!.cells).toEqual(["r", "2025-01-02T03:04:05Z"]);
  });

  test("a custom resource uses the CRD printer columns from the options or the resource type", () => {
    const crd = rt("example.com", "v1", "Widget", { crdSchema: { type: "object" } });
    const columns = [{ name: "Size", type: "integer", jsonPath: ".spec.size" }];
    const w = stored("example.com/v1", "Widget", "w", { spec: { size: 2 } });
    expect(toTable(crd, [w], { now: NOW, printerColumns: columns }).rows[0]!.cells).toEqual(["w", 2]);
    const withColumns = { ...crd, additionalPrinterColumns: columns } as ResourceType;
    expect(toTable(withColumns, [w], { now: NOW }).rows[0]!.cells).toEqual(["w", 2]);
    expect(toTable(crd, [w], { now: NOW }).columnDefinitions.map((c) => c.name)).toEqual(["Name", "Age"]);
  });

  test("an unknown built-in kind falls back to Name and Age", () => {
    expect(printerFor(rt("example.io", "v1", "Thing")).columns.map((c) => c.name)).toEqual(["Name", "Age"]);
  });
});
