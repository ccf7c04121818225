// Server-side apply: create, re-apply, conflicts (409 worded as upstream), force, field removal.
import { describe, expect, test } from "bun:test";
import { StatusError } from "../../api/errors.ts";
import { serverSideApply, type ApplyOptions } from "./apply.ts";
import { recordUpdate } from "./update.ts";

type Obj = Record<string, any>;

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:01:00Z";
const T2 = "2026-01-01T00:02:00Z";

function manifest(replicas = 2, image = "nginx:1.25", labels: Record<string, string> = { app: "web" }): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function apply(live: Obj | undefined, applied: Obj, extra: Partial<ApplyOptions> = {}): Obj {
  return serverSideApply({ live, applied, manager: "kubectl", force: false, apiVersion: "apps/v1", now: T0, ...extra });
}

function stored(obj: Obj): Obj {
  // What the registry adds on create; SSA must neither own nor drop these.
  return { ...obj, metadata: { ...obj.metadata, uid: "u1", resourceVersion: "1", creationTimestamp: T0, generation: 1 } };
}

function conflictOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected a conflict");
}

describe("server-side apply", () => {
  test("creates the object and records an Apply entry shaped as upstream", () => {
    const out = apply(undefined, manifest());
    const { managedFields, ...meta } = out.metadata;
    expect({ ...out, metadata: meta } as Obj).toEqual(manifest());
    expect(managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  test("empty objects claim nothing and a null claims its field, as upstream", () => {
    // The shape `kubectl create deployment --dry-run=client -o yaml` prints.
    const m = manifest();
    m.metadata.creationTimestamp = null;
    m.spec.strategy = {};
    m.spec.template.metadata.creationTimestamp = null;
    m.spec.template.spec.containers[0].resources = {};
    m.status = {};
    const fields = apply(undefined, m).metadata.managedFields[0].fieldsV1;
    expect(fields["f:spec"]["f:strategy"]).toBeUndefined();
    expect(fields["f:status"]).toBeUndefined();
    expect(fields["f:metadata"]["f:creationTimestamp"]).toBeUndefined();
    expect(fields["f:spec"]["f:template"]["f:metadata"]["f:creationTimestamp"]).toEqual({});
    expect(fields["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']["f:resources"]).toBeUndefined();
  });

  test("re-applying an unchanged manifest changes nothing, not even the time", () => {
    const live = stored(apply(undefined, manifest()));
    const again = apply(live, manifest(), { now: T1 });
    expect(again).toEqual(live);
  });

  test("re-applying a change updates the value and the entry's time", () => {
    const live = stored(apply(undefined, manifest()));
    const out = apply(live, manifest(5), { now: T1 });
    expect(out.spec.replicas).toBe(5);
    expect(out.metadata.uid).toBe("u1");
    expect(out.metadata.managedFields[0].time).toBe(T1);
  });

  test("a field another manager owns with a different value is a 409 worded as upstream", () => {
    const created = stored(recordUpdate({ old: undefined, updated: manifest(2), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: T0 }));
    const e = conflictOf(() => apply(created, manifest(3), { now: T1 }));
    expect(e.code).toBe(409);
    expect(e.reason).toBe("Conflict");
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(e.details?.causes).toEqual([
      { reason: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: ".spec.replicas" },
    ]);
  });

  test("several conflicts are listed per manager", () => {
    const created = stored(recordUpdate({ old: undefined, updated: manifest(2), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: T0 }));
    const e = conflictOf(() => apply(created, manifest(3, "nginx:1.27"), { now: T1 }));
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        "- .spec.replicas\n" +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(e.details?.causes?.map((c) => c.field)).toEqual([".spec.replicas", '.spec.template.spec.containers[name="nginx"].image']);
  });

  test("a conflict with another applier names it without an apiVersion", () => {
    const live = stored(apply(undefined, manifest(2), { manager: "ci" }));
    const e = conflictOf(() => apply(live, manifest(3), { now: T1 }));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "ci": .spec.replicas');
  });

  test("applying the value another manager already set shares the field without a conflict", () => {
    const created = stored(recordUpdate({ old: undefined, updated: manifest(2), manager: "kubectl-create", apiVersion: "apps/v1", now: T0 }));
    const out = apply(created, manifest(2), { now: T1 });
    const owners = out.metadata.managedFields.map((m: Obj) => [m.manager, m.operation, m.fieldsV1["f:spec"]?.["f:replicas"] !== undefined]);
    expect(owners).toEqual([
      ["kubectl", "Apply", true],
      ["kubectl-create", "Update", true],
    ]);
  });

  test("force takes the conflicting fields from their owner", () => {
    const created = stored(recordUpdate({ old: undefined, updated: manifest(2), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: T0 }));
    const out = apply(created, manifest(3), { now: T1, force: true });
    expect(out.spec.replicas).toBe(3);
    const csa = out.metadata.managedFields.find((m: Obj) => m.manager === "kubectl-client-side-apply");
    expect(csa.fieldsV1["f:spec"]["f:replicas"]).toBeUndefined();
    expect(csa.fieldsV1["f:spec"]["f:selector"]).toEqual({});
    const mine = out.metadata.managedFields.find((m: Obj) => m.manager === "kubectl");
    expect(mine.fieldsV1["f:spec"]["f:replicas"]).toEqual({});
  });

  test("a field dropped from the manifest is removed when nobody else owns it", () => {
    const live = stored(apply(undefined, manifest(2, "nginx:1.25", { app: "web", tier: "fe" })));
    const out = apply(live, manifest(2, "nginx:1.25", { app: "web" }), { now: T1 });
    expect(out.metadata.labels).toEqual({ app: "web" });
    expect(out.metadata.managedFields[0].fieldsV1["f:metadata"]).toEqual({ "f:labels": { "f:app": {} } });
  });

  test("a field dropped from the manifest stays when another manager owns it", () => {
    const applied = stored(apply(undefined, manifest(2, "nginx:1.25", { app: "web", tier: "fe" })));
    const labelled = recordUpdate({
      old: applied,
      updated: { ...applied, metadata: { ...applied.metadata, labels: { app: "web", tier: "be" } } },
      manager: "kubectl-label",
      apiVersion: "apps/v1",
      now: T1,
    });
    const out = apply(labelled, manifest(2, "nginx:1.25", { app: "web" }), { now: T2 });
    expect(out.metadata.labels).toEqual({ app: "web", tier: "be" });
  });

  test("a container dropped from the manifest is removed, one added by another applier stays", () => {
    const two = manifest();
    two.spec.template.spec.containers.push({ name: "sidecar", image: "busybox" });
    const live = stored(apply(undefined, two));
    const withDebug = apply(live, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "debug", image: "alpine" }] } } } }, { manager: "debugger", now: T1 });
    const out = apply(withDebug, manifest(), { now: T2 });
    expect(out.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(["nginx", "debug"]);
  });

  test("a field dropped from a list item is removed from that item only", () => {
    const live = stored(apply(undefined, manifest()));
    const m = manifest();
    delete m.spec.template.spec.containers[0].ports;
    const out = apply(live, m, { now: T1 });
    expect(out.spec.template.spec.containers).toEqual([{ name: "nginx", image: "nginx:1.25" }]);
  });

  test("an apply that drops everything keeps server-set metadata and owns nothing", () => {
    const live = stored(apply(undefined, manifest()));
    const out = apply(live, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } }, { now: T1 });
    expect(out.metadata).toMatchObject({ name: "web", namespace: "default", uid: "u1", resourceVersion: "1", generation: 1 });
    expect(out.metadata.labels).toBeUndefined();
    // Nobody owns anything under spec any more, so it goes as a whole (defaulting refills it upstream).
    expect(out.spec).toBeUndefined();
    expect(out.metadata.managedFields).toBeUndefined();
  });

  test("finalizers are a set: items are owned one by one", () => {
    const out = apply(undefined, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["a", "b"] } }, { apiVersion: "v1" });
    expect(out.metadata.managedFields[0].fieldsV1).toEqual({ "f:metadata": { "f:finalizers": { 'v:"a"': {}, 'v:"b"': {} } } });
  });

  test("null in the manifest removes the field", () => {
    const live = stored(apply(undefined, manifest()));
    const out = apply(live, { ...manifest(), spec: { ...manifest().spec, replicas: null } }, { now: T1 });
    expect("replicas" in out.spec).toBe(false);
  });

  test("list items merge by key and keep the live items the manifest does not name", () => {
    const live = stored(recordUpdate({ old: undefined, updated: { ...manifest(), spec: { ...manifest().spec, template: { spec: { containers: [{ name: "a", image: "1" }, { name: "nginx", image: "nginx:1.25" }] } } } }, manager: "kubectl-create", apiVersion: "apps/v1", now: T0 }));
    const out = apply(live, manifest(2, "nginx:1.25"), { now: T1 });
    expect(out.spec.template.spec.containers).toEqual([{ name: "a", image: "1" }, { name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }] }]);
  });
});

describe("server-side apply keys", () => {
  test("a port without protocol matches the live TCP port through the key default", () => {
    const svc = (ports: Obj[]) => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports } });
    const live = stored(recordUpdate({ old: undefined, updated: svc([{ port: 80, protocol: "TCP", targetPort: 8080 }]), manager: "kubectl-expose", apiVersion: "v1", now: T0 }));
    const out = apply(live, svc([{ port: 80, targetPort: 8080, name: "http" }]), { apiVersion: "v1", now: T1 });
    expect(out.spec.ports).toEqual([{ port: 80, protocol: "TCP", targetPort: 8080, name: "http" }]);
    const mine = out.metadata.managedFields.find((m: Obj) => m.manager === "kubectl");
    expect(Object.keys(mine.fieldsV1["f:spec"]["f:ports"])).toEqual(['k:{"port":80,"protocol":"TCP"}']);
  });

  test("neither the live object nor the manifest is mutated", () => {
    const live = stored(apply(undefined, manifest()));
    const before = structuredClone(live);
    const m = manifest(4, "nginx:2", { app: "web", x: "y" });
    const mBefore = structuredClone(m);
    apply(live, m, { now: T1 });
    expect(live).toEqual(before);
    expect(m).toEqual(mBefore);
  });
});

describe("server-side apply rejects bad requests with 400", () => {
  const cases: [string, Obj, Partial<ApplyOptions>, string][] = [
    ["a manifest with managedFields", { ...manifest(), metadata: { name: "web", managedFields: [{ manager: "x" }] } }, {}, "metadata.managedFields must be nil"],
    ["a missing field manager", manifest(), { manager: "" }, "fieldManager is required for apply requests"],
    ["a list item without its key", { ...manifest(), spec: { template: { spec: { containers: [{ image: "x" }] } } } }, {},
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name"'],
    ["duplicate list keys", { ...manifest(), spec: { template: { spec: { containers: [{ name: "a" }, { name: "a" }] } } } }, {}, 'duplicate entries for key [name="a"]'],
  ];
  for (const [name, applied, extra, message] of cases) {
    test(name, () => {
      const e = conflictOf(() => apply(undefined, applied, extra));
      expect(e.code).toBe(400);
      expect(e.message).toContain(message);
    });
  }
});
