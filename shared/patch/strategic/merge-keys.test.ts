// One row per merge key of the contract's field table: a matching item merges, a new one is added.
import { describe, expect, test } from "bun:test";
import { applyStrategicMergePatch } from "./index.ts";

type Row = [field: string, kind: string, path: string[], live: object[], patch: object[], want: object[]];

function nest(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function container(field: string, items: object[]) {
  return [{ name: "c", [field]: items }];
}

const rows: Row[] = [
  ["ObjectMeta.ownerReferences by uid", "ReplicaSet", ["metadata", "ownerReferences"],
    [{ uid: "1", name: "a", controller: true }], [{ uid: "1", name: "renamed" }, { uid: "2", name: "b" }],
    [{ uid: "1", name: "renamed", controller: true }, { uid: "2", name: "b" }]],
  ["PodSpec.containers by name", "Pod", ["spec", "containers"], [{ name: "a", image: "1" }], [{ name: "a", image: "2" }], [{ name: "a", image: "2" }]],
  ["PodSpec.initContainers by name", "Pod", ["spec", "initContainers"], [{ name: "i", image: "1" }], [{ name: "i", args: ["x"] }], [{ name: "i", image: "1", args: ["x"] }]],
  ["PodSpec.ephemeralContainers by name", "Pod", ["spec", "ephemeralContainers"], [{ name: "dbg", image: "1" }], [{ name: "dbg", image: "2" }], [{ name: "dbg", image: "2" }]],
  ["PodSpec.volumes by name", "Pod", ["spec", "volumes"], [{ name: "v", emptyDir: {} }], [{ name: "v", emptyDir: { medium: "Memory" } }], [{ name: "v", emptyDir: { medium: "Memory" } }]],
  ["PodSpec.imagePullSecrets by name", "Pod", ["spec", "imagePullSecrets"], [{ name: "a" }], [{ name: "b" }], [{ name: "b" }, { name: "a" }]],
  ["PodSpec.hostAliases by ip", "Pod", ["spec", "hostAliases"], [{ ip: "1.1.1.1", hostnames: ["a"] }], [{ ip: "1.1.1.1", hostnames: ["b"] }], [{ ip: "1.1.1.1", hostnames: ["b"] }]],
  ["PodSpec.topologySpreadConstraints by topologyKey", "Pod", ["spec", "topologySpreadConstraints"],
    [{ topologyKey: "zone", maxSkew: 1 }], [{ topologyKey: "zone", maxSkew: 2 }], [{ topologyKey: "zone", maxSkew: 2 }]],
  ["PodSpec.schedulingGates by name", "Pod", ["spec", "schedulingGates"], [{ name: "a" }], [{ name: "a" }, { name: "b" }], [{ name: "a" }, { name: "b" }]],
  ["PodStatus.conditions by type", "Pod", ["status", "conditions"],
    [{ type: "Ready", status: "False" }, { type: "Initialized", status: "True" }], [{ type: "Ready", status: "True" }],
    [{ type: "Ready", status: "True" }, { type: "Initialized", status: "True" }]],
  ["PodStatus.podIPs by ip", "Pod", ["status", "podIPs"], [{ ip: "10.0.0.1" }], [{ ip: "fd00::1" }], [{ ip: "fd00::1" }, { ip: "10.0.0.1" }]],
  ["ServiceSpec.ports by port", "Service", ["spec", "ports"],
    [{ port: 80, targetPort: 8080, protocol: "TCP" }], [{ port: 80, targetPort: 9090 }], [{ port: 80, targetPort: 9090, protocol: "TCP" }]],
  ["ServiceStatus.conditions by type", "Service", ["status", "conditions"], [{ type: "A", status: "False" }], [{ type: "A", status: "True" }], [{ type: "A", status: "True" }]],
  ["NodeStatus.conditions by type", "Node", ["status", "conditions"], [{ type: "Ready", status: "False" }], [{ type: "Ready", status: "True" }], [{ type: "Ready", status: "True" }]],
  ["NodeStatus.addresses by type", "Node", ["status", "addresses"],
    [{ type: "InternalIP", address: "10.0.0.1" }, { type: "Hostname", address: "n" }], [{ type: "InternalIP", address: "10.0.0.2" }],
    [{ type: "InternalIP", address: "10.0.0.2" }, { type: "Hostname", address: "n" }]],
  ["NamespaceStatus.conditions by type", "Namespace", ["status", "conditions"], [{ type: "A", status: "False" }], [{ type: "A", status: "True" }], [{ type: "A", status: "True" }]],
  ["ServiceAccount.secrets by name", "ServiceAccount", ["secrets"], [{ name: "a" }], [{ name: "b" }], [{ name: "b" }, { name: "a" }]],
  ["DeploymentStatus.conditions by type", "Deployment", ["status", "conditions"],
    [{ type: "Available", status: "False" }, { type: "Progressing", status: "True" }], [{ type: "Available", status: "True" }],
    [{ type: "Available", status: "True" }, { type: "Progressing", status: "True" }]],
  ["ReplicaSetStatus.conditions by type", "ReplicaSet", ["status", "conditions"], [{ type: "A", status: "1" }], [{ type: "A", status: "2" }], [{ type: "A", status: "2" }]],
  ["StatefulSetStatus.conditions by type", "StatefulSet", ["status", "conditions"], [{ type: "A", status: "1" }], [{ type: "A", status: "2" }], [{ type: "A", status: "2" }]],
  ["DaemonSetStatus.conditions by type", "DaemonSet", ["status", "conditions"], [{ type: "A", status: "1" }], [{ type: "A", status: "2" }], [{ type: "A", status: "2" }]],
  ["JobStatus.conditions by type", "Job", ["status", "conditions"], [{ type: "Complete", status: "False" }], [{ type: "Complete", status: "True" }], [{ type: "Complete", status: "True" }]],
  ["PersistentVolumeClaimStatus.conditions by type", "PersistentVolumeClaim", ["status", "conditions"], [{ type: "A", status: "1" }], [{ type: "A", status: "2" }], [{ type: "A", status: "2" }]],
];

const containerRows: [field: string, live: object[], patch: object[], want: object[]][] = [
  ["Container.env by name", [{ name: "A", value: "1" }, { name: "B", value: "2" }], [{ name: "B", value: "3" }], [{ name: "A", value: "1" }, { name: "B", value: "3" }]],
  ["Container.ports by containerPort", [{ containerPort: 80, name: "http" }], [{ containerPort: 80, name: "web" }, { containerPort: 443 }],
    [{ containerPort: 80, name: "web" }, { containerPort: 443 }]],
  ["Container.volumeMounts by mountPath", [{ mountPath: "/a", name: "v" }], [{ mountPath: "/a", readOnly: true }], [{ mountPath: "/a", name: "v", readOnly: true }]],
  ["Container.volumeDevices by devicePath", [{ devicePath: "/dev/x", name: "v" }], [{ devicePath: "/dev/y", name: "w" }], [{ devicePath: "/dev/y", name: "w" }, { devicePath: "/dev/x", name: "v" }]],
];

describe("merge keys of the field table", () => {
  for (const [field, kind, path, live, patch, want] of rows) {
    test(field, () => {
      expect(applyStrategicMergePatch(nest(path, live), nest(path, patch), kind)).toEqual(nest(path, want));
    });
  }
  for (const [field, live, patch, want] of containerRows) {
    const key = field.split(".")[1]!.split(" ")[0]!;
    test(`${field} (in a Deployment template)`, () => {
      const path = ["spec", "template", "spec", "containers"];
      const out = applyStrategicMergePatch(nest(path, container(key, live)), nest(path, container(key, patch)), "Deployment");
      expect(out).toEqual(nest(path, container(key, want)));
    });
  }

  test("CronJob jobTemplate descends to the pod template's containers", () => {
    const path = ["spec", "jobTemplate", "spec", "template", "spec", "containers"];
    const out = applyStrategicMergePatch(nest(path, [{ name: "a", image: "1" }, { name: "b" }]), nest(path, [{ name: "a", image: "2" }]), "CronJob");
    expect(out).toEqual(nest(path, [{ name: "a", image: "2" }, { name: "b" }]));
  });

  test("ObjectMeta.finalizers merge as primitives in any kind", () => {
    const out = applyStrategicMergePatch({ metadata: { finalizers: ["a"] } }, { metadata: { finalizers: ["b"] } }, "ConfigMap");
    expect(out).toEqual({ metadata: { finalizers: ["b", "a"] } });
  });
});
