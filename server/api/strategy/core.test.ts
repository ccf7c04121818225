import { describe, expect, test } from "bun:test";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { configMapStrategy } from "./configmap.ts";
import { coreEventStrategy, eventsEventStrategy } from "./event.ts";
import { limitRangeStrategy } from "./limitrange.ts";
import { namespaceStrategy } from "./namespace.ts";
import { nodeStrategy } from "./node.ts";
import { persistentVolumeStrategy } from "./persistentvolume.ts";
import { pvcStrategy } from "./persistentvolumeclaim.ts";
import { resourceQuotaStrategy } from "./resourcequota.ts";
import { secretStrategy } from "./secret.ts";
import { serviceStrategy } from "./service.ts";

/** Defaults then validation, as the write path runs them. */
function admit(s: Strategy, obj: unknown, old?: unknown) {
  const o = obj as KubeObject;
  s.defaults?.(o);
  if (old) s.prepareForUpdate?.(o, old as StoredObject);
  const causes = [...(s.validate?.(o) ?? [])];
  if (old) causes.push(...(s.validateUpdate?.(o, old as StoredObject) ?? []));
  return { obj: o as any, causes };
}
const fields = (causes: { field?: string }[]) => causes.map((c) => c.field);

describe("Namespace", () => {
  test("gets its name label, the kubernetes finalizer and phase Active", () => {
    const { obj, causes } = admit(namespaceStrategy, { metadata: { name: "team-a" } });
    expect(causes).toEqual([]);
    expect(obj).toEqual({
      metadata: { name: "team-a", labels: { "kubernetes.io/metadata.name": "team-a" } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  });

  test("an explicitly empty finalizer list stays empty", () => {
    expect(admit(namespaceStrategy, { metadata: { name: "a" }, spec: { finalizers: [] } }).obj.spec.finalizers).toEqual([]);
  });

  test("names are DNS-1123 labels", () => {
    expect(admit(namespaceStrategy, { metadata: { name: "a.b" } }).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "a.b": must not contain dots', field: "metadata.name" },
    ]);
  });

  test("status.phase is a field selector", () => {
    expect(namespaceStrategy.fieldSelectors!["status.phase"]({ status: { phase: "Terminating" } })).toBe("Terminating");
  });
});

describe("Service", () => {
  /** What `kubectl expose deploy/web --port=80 --target-port=8080` sends (contract §5). */
  const exposed = () => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { creationTimestamp: null, labels: { app: "web" }, name: "web", namespace: "default" },
    spec: { ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }], selector: { app: "web" } },
    status: { loadBalancer: {} },
  });

  test("kubectl expose gets upstream's service defaults", () => {
    const { obj, causes } = admit(serviceStrategy, exposed());
    expect(causes).toEqual([]);
    expect(obj.spec).toEqual({
      ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }],
      selector: { app: "web" },
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  test("targetPort defaults to port and protocol to TCP; NodePort gets externalTrafficPolicy", () => {
    const svc = exposed();
    svc.spec = { ports: [{ port: 443 }], type: "NodePort" } as never;
    const { obj } = admit(serviceStrategy, svc);
    expect(obj.spec.ports).toEqual([{ port: 443, protocol: "TCP", targetPort: 443 }]);
    expect(obj.spec.externalTrafficPolicy).toBe("Cluster");
  });

  const cases: [string, (s: any) => void, string, string][] = [
    ["port 0", (s) => (s.spec.ports[0].port = 0), "spec.ports[0].port", "Invalid value: 0: must be between 1 and 65535, inclusive"],
    ["port 65536", (s) => (s.spec.ports[0].port = 65536), "spec.ports[0].port", "Invalid value: 65536: must be between 1 and 65535, inclusive"],
    ["an unknown type", (s) => (s.spec.type = "Internal"), "spec.type", 'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ["two ports, one unnamed", (s) => s.spec.ports.push({ port: 81, name: "b" }), "spec.ports[0].name", "Required value"],
    ["two ports with one name", (s) => (s.spec.ports = [{ port: 80, name: "a" }, { port: 81, name: "a" }]), "spec.ports[1].name", 'Duplicate value: "a"'],
    ["no ports", (s) => (s.spec.ports = []), "spec.ports", "Required value"],
    ["a name starting with a digit", (s) => (s.metadata.name = "1web"), "metadata.name", "Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
    ["a nodePort on ClusterIP", (s) => (s.spec.ports[0].nodePort = 30080), "spec.ports[0].nodePort", "Forbidden: may not be used when `type` is 'ClusterIP'"],
    ["a nodePort out of range", (s) => Object.assign(s.spec, { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }), "spec.ports[0].nodePort", "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"],
    ["a bad clusterIP", (s) => (s.spec.clusterIP = "10.0.0"), "spec.clusterIPs[0]", "Invalid value: \"10.0.0\": must be empty, 'None', or a valid IP address"],
    ["ExternalName without a name", (s) => (s.spec = { type: "ExternalName" }), "spec.externalName", "Required value"],
  ];
  test.each(cases)("%s is reported on %p", (_what, mutate, field, message) => {
    const svc = exposed();
    mutate(svc);
    expect(admit(serviceStrategy, svc).causes).toContainEqual(expect.objectContaining({ field, message }));
  });

  test("a headless service needs no ports", () => {
    const svc = exposed() as any;
    svc.spec = { clusterIP: "None", selector: { app: "web" } };
    expect(admit(serviceStrategy, svc).causes).toEqual([]);
  });

  test("the clusterIP may not change once set, and an update without it keeps it", () => {
    const old = admit(serviceStrategy, { ...exposed(), spec: { ...exposed().spec, clusterIP: "10.43.0.10" } }).obj;
    const changed = structuredClone(old);
    changed.spec.clusterIP = "10.43.0.11";
    changed.spec.clusterIPs = ["10.43.0.11"];
    expect(admit(serviceStrategy, changed, old).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "10.43.0.11": may not change once set', field: "spec.clusterIPs[0]" },
    ]);
    const replaced = admit(serviceStrategy, exposed(), old);
    expect(replaced.causes).toEqual([]);
    expect(replaced.obj.spec.clusterIP).toBe("10.43.0.10");
    expect(replaced.obj.spec.clusterIPs).toEqual(["10.43.0.10"]);
  });
});

describe("ConfigMap and Secret", () => {
  test("bad keys and keys in both data and binaryData are reported", () => {
    const cm = { metadata: { name: "c", namespace: "n" }, data: { "a/b": "x", dup: "y" }, binaryData: { dup: "eQ==" } };
    expect(fields(admit(configMapStrategy, cm).causes)).toEqual(["data[a/b]", "data[dup]"]);
  });

  test("more than 1 MiB of data is too long", () => {
    const cm = { metadata: { name: "c", namespace: "n" }, data: { big: "x".repeat(1024 * 1024 + 1) } };
    expect(admit(configMapStrategy, cm).causes).toEqual([{ reason: "FieldValueTooLong", message: "Too long: must have at most 1048576 bytes", field: "" }]);
  });

  test("an immutable ConfigMap keeps its data and its flag", () => {
    const old = { metadata: { name: "c", namespace: "n" }, immutable: true, data: { a: "1" } };
    const next = { metadata: { name: "c", namespace: "n" }, data: { a: "2" } };
    expect(admit(configMapStrategy, next, old).causes).toEqual([
      { reason: "FieldValueForbidden", message: "Forbidden: field is immutable when `immutable` is set", field: "immutable" },
      { reason: "FieldValueForbidden", message: "Forbidden: field is immutable when `immutable` is set", field: "data" },
    ]);
    expect(admit(configMapStrategy, { ...old, metadata: { ...old.metadata, labels: { a: "b" } } }, old).causes).toEqual([]);
  });

  test("a Secret defaults to Opaque and folds stringData into data", () => {
    const { obj, causes } = admit(secretStrategy, { metadata: { name: "s", namespace: "n" }, data: { a: "YQ==" }, stringData: { b: "héllo", a: "z" } });
    expect(causes).toEqual([]);
    expect(obj).toEqual({ metadata: { name: "s", namespace: "n" }, type: "Opaque", data: { a: "eg==", b: "aMOpbGxv" } });
  });

  test("secret data must be base64", () => {
    expect(admit(secretStrategy, { metadata: { name: "s", namespace: "n" }, data: { a: "not base64!" } }).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "<secret contents redacted>": must be base64-encoded', field: "data[a]" },
    ]);
  });

  test("a TLS secret needs tls.crt and tls.key", () => {
    const s = { metadata: { name: "s", namespace: "n" }, type: "kubernetes.io/tls", data: { "tls.crt": "" } };
    expect(admit(secretStrategy, s).causes).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "data[tls.key]" }]);
  });

  test("a dockerconfigjson secret must hold JSON", () => {
    const s = { metadata: { name: "s", namespace: "n" }, type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": "e30=" } };
    expect(admit(secretStrategy, s).causes).toEqual([]);
  });

  test("a secret's type cannot change", () => {
    const old = { metadata: { name: "s", namespace: "n" }, type: "Opaque" };
    expect(fields(admit(secretStrategy, { ...old, type: "x.io/custom" }, old).causes)).toEqual(["type"]);
  });

  test("type is a field selector", () => {
    expect(secretStrategy.fieldSelectors!.type({ type: "kubernetes.io/tls" })).toBe("kubernetes.io/tls");
  });
});

describe("Events", () => {
  const core = () => ({
    metadata: { name: "web.17a8", namespace: "default" },
    involvedObject: { kind: "Deployment", namespace: "default", name: "web", uid: "u1", apiVersion: "apps/v1" },
    reason: "ScalingReplicaSet",
    type: "Normal",
    source: { component: "deployment-controller" },
  });

  test("a legacy core event with a matching namespace is valid", () => {
    expect(admit(coreEventStrategy, core()).causes).toEqual([]);
  });

  test("the involved object's namespace must match", () => {
    const e = core();
    e.involvedObject.namespace = "other";
    expect(admit(coreEventStrategy, e).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "other": does not match event.namespace', field: "involvedObject.namespace" },
    ]);
  });

  const selectors: [string, string][] = [
    ["involvedObject.kind", "Deployment"],
    ["involvedObject.name", "web"],
    ["involvedObject.uid", "u1"],
    ["involvedObject.apiVersion", "apps/v1"],
    ["involvedObject.fieldPath", ""],
    ["reason", "ScalingReplicaSet"],
    ["source", "deployment-controller"],
    ["type", "Normal"],
  ];
  test.each(selectors)("core event field %p reads %p", (field, want) => {
    expect(coreEventStrategy.fieldSelectors![field](core())).toBe(want);
  });

  test("an events.k8s.io event needs the new-style fields", () => {
    const e = { metadata: { name: "e", namespace: "default" }, regarding: { namespace: "default" }, type: "Sideways" };
    expect(fields(admit(eventsEventStrategy, e).causes)).toEqual(["eventTime", "reportingController", "reportingInstance", "action", "reason", "type"]);
  });
});

describe("Node", () => {
  test("podCIDR mirrors into podCIDRs and allocatable defaults to capacity", () => {
    const { obj, causes } = admit(nodeStrategy, { metadata: { name: "n1" }, spec: { podCIDR: "10.42.0.0/24" }, status: { capacity: { cpu: "4" } } });
    expect(causes).toEqual([]);
    expect(obj.spec.podCIDRs).toEqual(["10.42.0.0/24"]);
    expect(obj.status.allocatable).toEqual({ cpu: "4" });
  });

  test("podCIDRs may be set once and never changed", () => {
    const old = admit(nodeStrategy, { metadata: { name: "n1" }, spec: {} }).obj;
    expect(admit(nodeStrategy, { metadata: { name: "n1" }, spec: { podCIDR: "10.42.0.0/24" } }, old).causes).toEqual([]);
    const set = admit(nodeStrategy, { metadata: { name: "n1" }, spec: { podCIDR: "10.42.0.0/24" } }).obj;
    expect(admit(nodeStrategy, { metadata: { name: "n1" }, spec: { podCIDR: "10.42.1.0/24" } }, set).causes).toEqual([
      { reason: "FieldValueForbidden", message: 'Forbidden: node updates may not change podCIDR except from "" to valid', field: "spec.podCIDRs" },
    ]);
  });

  test("taints need a known effect", () => {
    expect(admit(nodeStrategy, { metadata: { name: "n1" }, spec: { taints: [{ key: "k", effect: "Sometimes" }] } }).causes).toEqual([
      { reason: "FieldValueNotSupported", message: 'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"', field: "spec.taints[0].effect" },
    ]);
  });

  test("spec.unschedulable is a field selector", () => {
    expect(nodeStrategy.fieldSelectors!["spec.unschedulable"]({ spec: { unschedulable: true } })).toBe("true");
    expect(nodeStrategy.fieldSelectors!["spec.unschedulable"]({})).toBe("false");
  });
});

describe("Volumes", () => {
  const pvc = () => ({
    metadata: { name: "data", namespace: "n" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  });

  test("a PVC defaults to Filesystem and Pending", () => {
    const { obj, causes } = admit(pvcStrategy, pvc());
    expect(causes).toEqual([]);
    expect(obj.spec.volumeMode).toBe("Filesystem");
    expect(obj.status).toEqual({ phase: "Pending" });
  });

  test("a PVC needs access modes and a storage request", () => {
    expect(admit(pvcStrategy, { metadata: { name: "d", namespace: "n" }, spec: {} }).causes).toEqual([
      { reason: "FieldValueRequired", message: "Required value: at least 1 access mode is required", field: "spec.accessModes" },
      { reason: "FieldValueRequired", message: "Required value", field: "spec.resources[storage]" },
    ]);
  });

  test("a bound PVC may grow; any other spec change is forbidden", () => {
    const old = { ...admit(pvcStrategy, pvc()).obj, status: { phase: "Bound" } };
    old.spec.volumeName = "pv-1";
    const grown = structuredClone(old);
    grown.spec.resources.requests.storage = "2Gi";
    expect(admit(pvcStrategy, grown, old).causes).toEqual([]);
    const changed = structuredClone(old);
    changed.spec.accessModes = ["ReadWriteMany"];
    expect(admit(pvcStrategy, changed, old).causes).toEqual([
      { reason: "FieldValueForbidden", message: "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims", field: "spec" },
    ]);
  });

  test("a PV gets Retain, Filesystem and Pending and needs exactly one source", () => {
    const pv = { metadata: { name: "pv-1" }, spec: { accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" }, hostPath: { path: "/data" } } };
    const { obj, causes } = admit(persistentVolumeStrategy, pv);
    expect(causes).toEqual([]);
    expect(obj.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem", hostPath: { path: "/data", type: "" } });
    expect(obj.status).toEqual({ phase: "Pending" });
    const none = { metadata: { name: "pv-2" }, spec: { accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } } };
    expect(admit(persistentVolumeStrategy, none).causes).toEqual([{ reason: "FieldValueRequired", message: "Required value: must specify a volume type", field: "spec" }]);
  });
});

describe("ResourceQuota and LimitRange", () => {
  test("quota values are non-negative quantities, counts whole", () => {
    const q = { metadata: { name: "q", namespace: "n" }, spec: { hard: { "requests.cpu": "1", pods: "1.5", bogus: "1", memory: "-1" } } };
    expect(fields(admit(resourceQuotaStrategy, q).causes)).toEqual(["spec.hard[pods]", "spec.hard[bogus]", "spec.hard[memory]"]);
  });

  test("a container limit range defaults default from max and defaultRequest from default", () => {
    const lr = { metadata: { name: "l", namespace: "n" }, spec: { limits: [{ type: "Container", max: { cpu: "2" }, min: { memory: "64Mi" } }] } };
    const { obj, causes } = admit(limitRangeStrategy, lr);
    expect(causes).toEqual([]);
    expect(obj.spec.limits[0]).toEqual({ type: "Container", max: { cpu: "2" }, min: { memory: "64Mi" }, default: { cpu: "2" }, defaultRequest: { cpu: "2", memory: "64Mi" } });
  });

  test("min above max is reported", () => {
    const lr = { metadata: { name: "l", namespace: "n" }, spec: { limits: [{ type: "Pod", min: { cpu: "2" }, max: { cpu: "1" } }] } };
    expect(admit(limitRangeStrategy, lr).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "2": min value 2 is greater than max value 1', field: "spec.limits[0].min[cpu]" },
    ]);
  });
});
