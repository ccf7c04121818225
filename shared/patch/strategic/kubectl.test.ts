// The exact strategic merge patches kubectl 1.32 sends (KUBECTL_COMPAT.md §5, §6).
import { describe, expect, test } from "bun:test";
import { applyStrategicMergePatch } from "./index.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function deployment() {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web" }, annotations: { [LAST_APPLIED]: "{}\n" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.25",
              env: [{ name: "A", value: "1" }, { name: "B", value: "x" }],
              ports: [{ containerPort: 80, protocol: "TCP" }],
            },
            { name: "sidecar", image: "busybox" },
          ],
        },
      },
    },
  };
}

describe("kubectl strategic merge patches", () => {
  test("apply's 3-way patch with $setElementOrder updates env and image in place", () => {
    const patch = {
      metadata: { annotations: { [LAST_APPLIED]: '{"new":true}\n' } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
            containers: [
              { "$setElementOrder/env": [{ name: "A" }, { name: "B" }], env: [{ name: "A", value: "2" }], image: "nginx:1.26", name: "nginx" },
            ],
          },
        },
      },
    };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    const want = deployment();
    want.metadata.annotations[LAST_APPLIED] = '{"new":true}\n';
    want.spec.template.spec.containers[0]!.image = "nginx:1.26";
    want.spec.template.spec.containers[0]!.env = [{ name: "A", value: "2" }, { name: "B", value: "x" }];
    expect(out).toEqual(want);
  });

  test("apply's 3-way patch removes a container dropped from the manifest", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }],
            containers: [{ $patch: "delete", name: "sidecar" }],
          },
        },
      },
    };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(["nginx"]);
  });

  test("apply's 3-way patch adds an env var at the position $setElementOrder gives", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
            containers: [{ "$setElementOrder/env": [{ name: "A" }, { name: "NEW" }, { name: "B" }], env: [{ name: "NEW", value: "n" }], name: "nginx" }],
          },
        },
      },
    };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers[0]!.env).toEqual([
      { name: "A", value: "1" },
      { name: "NEW", value: "n" },
      { name: "B", value: "x" },
    ]);
  });

  test("set image changes one container's image and keeps the rest", () => {
    const patch = { spec: { template: { spec: { "$setElementOrder/containers": [{ name: "nginx" }], containers: [{ image: "nginx:1.27", name: "nginx" }] } } } };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ["nginx", "nginx:1.27"],
      ["sidecar", "busybox"],
    ]);
    expect(out.spec.template.spec.containers[0]!.env).toEqual(deployment().spec.template.spec.containers[0]!.env);
  });

  test("rollout pause sets spec.paused and resume's null removes it", () => {
    const paused = applyStrategicMergePatch(deployment(), { spec: { paused: true } }, "Deployment") as { spec: Record<string, unknown> };
    expect(paused.spec.paused).toBe(true);
    const resumed = applyStrategicMergePatch(paused, { spec: { paused: null } }, "Deployment") as { spec: Record<string, unknown> };
    expect("paused" in resumed.spec).toBe(false);
    expect(resumed).toEqual(deployment());
  });

  test("rollout restart adds the restartedAt annotation to the template", () => {
    const patch = { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-21T23:57:25Z" } } } } };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.spec.template.metadata).toEqual({
      labels: { app: "web" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-21T23:57:25Z" },
    } as never);
  });

  test("StatefulSet rollback replaces the whole template with $patch: replace", () => {
    const sts = {
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        template: {
          metadata: { labels: { app: "db" }, annotations: { old: "yes" } },
          spec: { containers: [{ name: "pg", image: "postgres:16", env: [{ name: "X", value: "1" }] }, { name: "exporter", image: "e" }] },
        },
      },
    };
    const template = { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "pg", image: "postgres:15" }] } };
    const out = applyStrategicMergePatch(sts, { spec: { template: { ...template, $patch: "replace" } } }, "StatefulSet");
    expect(out).toEqual({ ...sts, spec: { serviceName: "db", template } });
  });

  test("$retainKeys switches a Deployment strategy from RollingUpdate to Recreate", () => {
    const patch = { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.spec.strategy).toEqual({ type: "Recreate" } as never);
  });

  test("$retainKeys switches a volume source from emptyDir to configMap", () => {
    const pod = {
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [{ name: "c", image: "i" }],
        volumes: [
          { name: "data", emptyDir: {} },
          { name: "keep", hostPath: { path: "/x" } },
        ],
      },
    };
    const patch = {
      spec: {
        "$setElementOrder/volumes": [{ name: "data" }, { name: "keep" }],
        volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "cfg" }, name: "data" }],
      },
    };
    const out = applyStrategicMergePatch(pod, patch, "Pod") as typeof pod;
    expect(out.spec.volumes).toEqual([
      { name: "data", configMap: { name: "cfg" } },
      { name: "keep", hostPath: { path: "/x" } },
    ] as never);
  });

  test("edit's 2-way patch deletes a label with null and adds a port", () => {
    const patch = {
      metadata: { labels: { app: null, tier: "fe" } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
            containers: [{ "$setElementOrder/ports": [{ containerPort: 80 }, { containerPort: 443 }], name: "nginx", ports: [{ containerPort: 443 }] }],
          },
        },
      },
    };
    const out = applyStrategicMergePatch(deployment(), patch, "Deployment") as ReturnType<typeof deployment>;
    expect(out.metadata.labels).toEqual({ tier: "fe" } as never);
    expect(out.spec.template.spec.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: "TCP" }, { containerPort: 443 }] as never);
  });
});
