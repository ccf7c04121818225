// managedFields for non-apply writes: the writer owns what it added or changed.
import { describe, expect, test } from "bun:test";
import { serverSideApply } from "./apply.ts";
import { MAX_UPDATE_MANAGERS, recordUpdate, type UpdateOptions } from "./update.ts";

type Obj = Record<string, any>;

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:01:00Z";
const T2 = "2026-01-01T00:02:00Z";

function deployment(image = "nginx"): Obj {
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { creationTimestamp: null, labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image, resources: {} }] } },
      strategy: {},
    },
    status: {},
  };
}

function update(old: Obj | undefined, updated: Obj, extra: Partial<UpdateOptions> = {}): Obj {
  return recordUpdate({ old, updated, manager: "kubectl-create", apiVersion: "apps/v1", now: T0, ...extra });
}

function entries(obj: Obj): [string, string, string | undefined][] {
  return obj.metadata.managedFields.map((m: Obj) => [m.manager, m.operation, m.subresource]);
}

describe("recordUpdate", () => {
  test("kubectl create makes its manager the owner of every field it sent", () => {
    const out = update(undefined, deployment());
    expect(out.metadata.managedFields).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
              "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {}, "f:resources": {} } } },
            },
          },
        },
      },
    ]);
  });

  test("a later write by another manager takes the fields it changed", () => {
    const created = update(undefined, deployment());
    const next = structuredClone(created);
    next.spec.template.spec.containers[0].image = "nginx:1.27";
    const out = update(created, next, { manager: "kubectl-set", now: T1 });
    expect(entries(out)).toEqual([
      ["kubectl-create", "Update", undefined],
      ["kubectl-set", "Update", undefined],
    ]);
    const [create, set] = out.metadata.managedFields;
    expect(set.fieldsV1).toEqual({ "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { "f:image": {} } } } } } });
    expect(create.fieldsV1["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']["f:image"]).toBeUndefined();
  });

  test("a write that changes nothing leaves managedFields as they were", () => {
    const created = update(undefined, deployment());
    expect(update(created, structuredClone(created), { manager: "kubectl-edit", now: T1 })).toEqual(created);
  });

  test("an applier's field changed by a PUT now belongs to the writer, so re-applying the old value conflicts", () => {
    const applied = serverSideApply({ live: undefined, applied: deployment(), manager: "kubectl", force: false, apiVersion: "apps/v1", now: T0 });
    const edited = structuredClone(applied) as Obj;
    edited.spec.replicas = 5;
    const out = update(applied, edited, { manager: "kubectl-edit", now: T1 });
    expect(() => serverSideApply({ live: out, applied: deployment(), manager: "kubectl", force: false, apiVersion: "apps/v1", now: T2 })).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    );
  });

  test("removing a field takes it away from its owner", () => {
    const created = update(undefined, deployment());
    const next = structuredClone(created);
    delete next.metadata.labels;
    const out = update(created, next, { manager: "kubectl-label", now: T1 });
    expect(out.metadata.managedFields[0].fieldsV1["f:metadata"]).toBeUndefined();
    expect(entries(out)).toEqual([["kubectl-create", "Update", undefined]]);
  });

  test("a status write is recorded with its subresource", () => {
    const created = update(undefined, deployment());
    const next = structuredClone(created);
    next.status = { replicas: 2, conditions: [{ type: "Available", status: "True" }] };
    const out = update(created, next, { manager: "kubun-controller", subresource: "status", now: T1 });
    const status = out.metadata.managedFields.find((m: Obj) => m.subresource === "status");
    expect(status.fieldsV1).toEqual({
      "f:status": { "f:conditions": { ".": {}, 'k:{"type":"Available"}': { ".": {}, "f:status": {}, "f:type": {} } }, "f:replicas": {} },
    });
  });

  test("managedFields sent by the writer replace the stored ones, and [{}] clears them", () => {
    const created = update(undefined, deployment());
    const cleared = structuredClone(created);
    cleared.metadata.managedFields = [{}];
    expect(update(created, cleared, { manager: "x", now: T1 }).metadata.managedFields).toBeUndefined();

    const migrated = structuredClone(created);
    migrated.metadata.managedFields[0].manager = "kubectl";
    migrated.metadata.managedFields[0].operation = "Apply";
    expect(entries(update(created, migrated, { manager: "x", now: T1 }))).toEqual([["kubectl", "Apply", undefined]]);
  });

  test("an empty managedFields list keeps the stored ones", () => {
    const created = update(undefined, deployment());
    const next = structuredClone(created);
    next.metadata.managedFields = [];
    expect(update(created, next, { manager: "x", now: T1 })).toEqual(created);
  });

  test(`more than ${MAX_UPDATE_MANAGERS} updaters are capped by merging the oldest into ancient-changes`, () => {
    let obj = update(undefined, { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "c" }, data: {} }, { apiVersion: "v1" });
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(obj);
      next.data[`k${i}`] = "v";
      obj = update(obj, next, { manager: `m${i}`, apiVersion: "v1", now: `2026-01-01T00:00:${String(i + 10).padStart(2, "0")}Z` });
    }
    const managers = obj.metadata.managedFields.map((m: Obj) => m.manager);
    expect(managers.length).toBe(MAX_UPDATE_MANAGERS);
    expect(managers).toContain("ancient-changes");
    expect(managers).toContain("m11");
  });
});
