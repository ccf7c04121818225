// One table row per directive and rule of strategic merge patch (KUBECTL_COMPAT.md §6).
import { describe, expect, test } from "bun:test";
import { applyStrategicMergePatch } from "./index.ts";

type Row = [name: string, kind: string, original: object, patch: object, want: object];

function run(rows: Row[]) {
  for (const [name, kind, original, patch, want] of rows) {
    test(name, () => expect(applyStrategicMergePatch(original, patch, kind)).toEqual(want as Record<string, unknown>));
  }
}

const meta = (m: object) => ({ metadata: m });
const podSpec = (spec: object) => ({ spec });

describe("maps", () => {
  run([
    ["maps merge recursively", "ConfigMap", { data: { a: "1", b: "2" } }, { data: { b: "3", c: "4" } }, { data: { a: "1", b: "3", c: "4" } }],
    ["null deletes a map key", "ConfigMap", { data: { a: "1", b: "2" } }, { data: { a: null } }, { data: { b: "2" } }],
    ["null for an absent key is ignored", "ConfigMap", { data: { a: "1" } }, { data: { zz: null } }, { data: { a: "1" } }],
    ["nulls inside a new map are dropped", "ConfigMap", {}, { data: { a: "1", b: null } }, { data: { a: "1" } }],
    ["a scalar replaces a map of another kind", "ConfigMap", { data: { a: "1" } }, { data: "x" }, { data: "x" }],
    ["resources limits merge as a map", "Pod",
      podSpec({ containers: [{ name: "c", resources: { limits: { cpu: "1", memory: "1Gi" } } }] }),
      podSpec({ containers: [{ name: "c", resources: { limits: { cpu: "2" } } }] }),
      podSpec({ containers: [{ name: "c", resources: { limits: { cpu: "2", memory: "1Gi" } } }] })],
    ["an unknown kind merges maps generically", "Widget", { spec: { a: { b: 1 } } }, { spec: { a: { c: 2 } } }, { spec: { a: { b: 1, c: 2 } } }],
  ]);
});

describe("$patch in maps", () => {
  run([
    ["$patch: replace uses the patch map as it is", "Deployment",
      { spec: { template: { metadata: { labels: { a: "1" } }, spec: { hostname: "h" } } } },
      { spec: { template: { $patch: "replace", spec: { subdomain: "s" } } } },
      { spec: { template: { spec: { subdomain: "s" } } } }],
    ["$patch: delete empties the map", "Deployment", { spec: { selector: { matchLabels: { a: "1" } } } }, { spec: { selector: { $patch: "delete" } } }, { spec: { selector: {} } }],
    ["$patch: merge merges as usual", "ConfigMap", { data: { a: "1" } }, { data: { $patch: "merge", b: "2" } }, { data: { a: "1", b: "2" } }],
    ["$patch: replace on an absent map still drops directives inside", "Deployment",
      { spec: {} },
      { spec: { template: { $patch: "replace", spec: { containers: [{ name: "c", $patch: "merge" }] } } } },
      { spec: { template: { spec: { containers: [{ name: "c" }] } } } }],
  ]);
});

describe("$patch in list items", () => {
  const containers = [{ name: "a", image: "1" }, { name: "b", image: "2" }, { name: "c", image: "3" }];
  run([
    ["$patch: delete removes the item with that key", "Pod", podSpec({ containers }), podSpec({ containers: [{ name: "b", $patch: "delete" }] }),
      podSpec({ containers: [containers[0], containers[2]] })],
    ["$patch: delete of an absent key is a no-op", "Pod", podSpec({ containers }), podSpec({ containers: [{ name: "zz", $patch: "delete" }] }), podSpec({ containers })],
    ["$patch: replace makes the list equal to the other patch items", "Pod", podSpec({ containers }),
      podSpec({ containers: [{ $patch: "replace" }, { name: "z", image: "9" }] }), podSpec({ containers: [{ name: "z", image: "9" }] })],
    ["$patch: replace with no other items empties the list", "Pod", podSpec({ containers }), podSpec({ containers: [{ $patch: "replace" }] }), podSpec({ containers: [] })],
    ["a delete item on a missing list leaves no directive behind", "Pod", podSpec({}), podSpec({ containers: [{ name: "x", $patch: "delete" }, { name: "y" }] }),
      podSpec({ containers: [{ name: "y" }] })],
  ]);
});

describe("lists", () => {
  run([
    ["lists without a strategy are replaced (tolerations)", "Pod", podSpec({ tolerations: [{ key: "a" }, { key: "b" }] }), podSpec({ tolerations: [{ key: "c" }] }),
      podSpec({ tolerations: [{ key: "c" }] })],
    ["container args are atomic", "Pod", podSpec({ containers: [{ name: "c", args: ["a", "b"] }] }), podSpec({ containers: [{ name: "c", args: ["z"] }] }),
      podSpec({ containers: [{ name: "c", args: ["z"] }] })],
    ["selector matchExpressions are atomic", "Deployment",
      { spec: { selector: { matchExpressions: [{ key: "a", operator: "Exists" }] } } },
      { spec: { selector: { matchExpressions: [{ key: "b", operator: "Exists" }] } } },
      { spec: { selector: { matchExpressions: [{ key: "b", operator: "Exists" }] } } }],
    ["a merge list item not in the live list is appended before server-only items", "Pod",
      podSpec({ containers: [{ name: "a" }] }), podSpec({ containers: [{ name: "b" }] }), podSpec({ containers: [{ name: "b" }, { name: "a" }] })],
    ["primitive merge lists take the union without duplicates", "Pod", meta({ finalizers: ["a", "b"] }), meta({ finalizers: ["b", "c"] }), meta({ finalizers: ["a", "b", "c"] })],
    ["lists of unknown kinds are atomic", "Widget", { spec: { items: [{ name: "a" }] } }, { spec: { items: [{ name: "b" }] } }, { spec: { items: [{ name: "b" }] } }],
  ]);
});

describe("$deleteFromPrimitiveList", () => {
  run([
    ["removes the listed finalizers", "Pod", meta({ finalizers: ["a", "b", "c"] }), meta({ "$deleteFromPrimitiveList/finalizers": ["b", "zz"] }), meta({ finalizers: ["a", "c"] })],
    ["combines with additions", "Pod", meta({ finalizers: ["a", "b"] }),
      meta({ "$setElementOrder/finalizers": ["a", "c"], "$deleteFromPrimitiveList/finalizers": ["b"], finalizers: ["c"] }), meta({ finalizers: ["a", "c"] })],
    ["on an absent list changes nothing", "Pod", meta({ name: "x" }), meta({ "$deleteFromPrimitiveList/finalizers": ["b"] }), meta({ name: "x" })],
  ]);
});

describe("$setElementOrder", () => {
  const env = (...names: string[]) => names.map((name) => ({ name, value: name.toLowerCase() }));
  run([
    ["reorders the live items it names", "Pod", podSpec({ containers: [{ name: "c", env: env("A", "B", "C") }] }),
      podSpec({ containers: [{ name: "c", "$setElementOrder/env": [{ name: "C" }, { name: "A" }, { name: "B" }] }] }),
      podSpec({ containers: [{ name: "c", env: env("C", "A", "B") }] })],
    ["interleaves server-only items by their live order", "Pod", podSpec({ containers: [{ name: "a" }, { name: "s" }, { name: "b" }] }),
      podSpec({ "$setElementOrder/containers": [{ name: "a" }, { name: "b" }], containers: [{ name: "b", image: "x" }] }),
      podSpec({ containers: [{ name: "a" }, { name: "s" }, { name: "b", image: "x" }] })],
    ["orders primitive lists too", "Pod", meta({ finalizers: ["x", "y"] }), meta({ "$setElementOrder/finalizers": ["y", "x", "z"], finalizers: ["z"] }),
      meta({ finalizers: ["y", "x", "z"] })],
    ["creates the list when the live object has none", "Pod", podSpec({}),
      podSpec({ "$setElementOrder/containers": [{ name: "b" }, { name: "a" }], containers: [{ name: "b" }, { name: "a" }] }),
      podSpec({ containers: [{ name: "b" }, { name: "a" }] })],
    ["never appears in the result", "Pod", podSpec({ containers: [{ name: "a" }] }), podSpec({ "$setElementOrder/containers": [{ name: "a" }] }),
      podSpec({ containers: [{ name: "a" }] })],
  ]);
});

describe("$retainKeys", () => {
  run([
    ["clears live keys not listed", "Deployment",
      { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
      { spec: { strategy: { type: "Recreate" } } }],
    ["keeps listed live keys the patch does not touch", "Deployment",
      { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $retainKeys: ["rollingUpdate", "type"], rollingUpdate: { maxUnavailable: 0 } } } },
      { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } }],
    ["allows nulls for keys that are not listed", "Deployment",
      { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } },
      { spec: { strategy: { type: "Recreate" } } }],
  ]);
});

describe("the result", () => {
  function directiveKeys(v: unknown, path = ""): string[] {
    if (Array.isArray(v)) return v.flatMap((x, i) => directiveKeys(x, `${path}[${i}]`));
    if (v && typeof v === "object") {
      return Object.entries(v).flatMap(([k, x]) => (k.startsWith("$") ? [`${path}.${k}`] : directiveKeys(x, `${path}.${k}`)));
    }
    return [];
  }

  test("never contains a directive, wherever the patch put one", () => {
    const patch = {
      metadata: { "$deleteFromPrimitiveList/finalizers": ["x"], "$setElementOrder/finalizers": ["a"], finalizers: ["a"] },
      spec: {
        strategy: { $retainKeys: ["type"], type: "Recreate" },
        template: {
          metadata: { labels: { $patch: "merge", a: "b" } },
          spec: {
            "$setElementOrder/containers": [{ name: "new" }],
            containers: [{ name: "new", env: [{ name: "E", $patch: "delete" }], ports: [{ $patch: "replace" }, { containerPort: 1 }] }],
            volumes: [{ name: "v", $retainKeys: ["name", "emptyDir"], emptyDir: { $patch: "replace" } }],
            tolerations: [{ key: "k", $patch: "replace" }],
            affinity: { $patch: "delete" },
          },
        },
      },
    };
    const out = applyStrategicMergePatch({ metadata: { name: "d" }, spec: {} }, patch, "Deployment");
    expect(directiveKeys(out)).toEqual([]);
  });
});

describe("hasStrategicSchema", () => {
  test("is true for the built-in kinds of the table", async () => {
    const { hasStrategicSchema } = await import("./index.ts");
    for (const kind of ["Pod", "Deployment", "Service", "ConfigMap", "CronJob", "Ingress", "Endpoints", "PersistentVolumeClaim", "ServiceAccount", "Node", "Namespace", "Secret", "Job", "StatefulSet", "DaemonSet", "ReplicaSet"]) {
      expect(hasStrategicSchema(kind)).toBe(true);
    }
  });

  test("is false for nested types and unknown kinds", async () => {
    const { hasStrategicSchema } = await import("./index.ts");
    for (const name of ["PodSpec", "PodTemplateSpec", "ObjectMeta", "Widget", "$Object", "toString", "__proto__"]) {
      expect(hasStrategicSchema(name)).toBe(false);
    }
  });
});
