import { describe, expect, test } from "bun:test";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { builtinRows } from "../registry/resources.ts";
import type { Strategy } from "../registry/types.ts";
import { controllerRevisionStrategy } from "./controllerrevision.ts";
import { customResourceDefinitionStrategy } from "./customresourcedefinition.ts";
import { daemonSetStrategy } from "./daemonset.ts";
import { endpointsStrategy } from "./endpoints.ts";
import { endpointSliceStrategy } from "./endpointslice.ts";
import { horizontalPodAutoscalerStrategy } from "./horizontalpodautoscaler.ts";
import { strategies } from "./index.ts";
import { ingressStrategy } from "./ingress.ts";
import { ingressClassStrategy } from "./ingressclass.ts";
import { leaseStrategy } from "./lease.ts";
import { networkPolicyStrategy } from "./networkpolicy.ts";
import { podDisruptionBudgetStrategy } from "./poddisruptionbudget.ts";
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategyNamespaced } from "./rbac.ts";
import { statefulSetStrategy, statefulSetUpdateForbidden } from "./statefulset.ts";
import { storageClassStrategy } from "./storageclass.ts";

function admit(s: Strategy, obj: unknown, old?: unknown) {
  const o = obj as KubeObject;
  s.defaults?.(o);
  const causes = [...(s.validate?.(o) ?? [])];
  if (old) causes.push(...(s.validateUpdate?.(o, old as StoredObject) ?? []));
  return { obj: o as any, causes };
}
const fields = (causes: { field?: string }[]) => causes.map((c) => c.field);
const podTemplate = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers: [{ name: "c", image: "busybox:1.36" }] },
});

describe("the strategy table", () => {
  test("every built-in kind has a strategy", () => {
    const missing = builtinRows.map((r) => `${r.group}/${r.kind}`).filter((k) => !strategies[k]);
    expect(missing).toEqual([]);
  });

  test("kinds with a spec that bumps generation say so", () => {
    const withGen = Object.entries(strategies).filter(([, s]) => s.hasGeneration).map(([k]) => k).sort();
    expect(withGen).toEqual([
      "apiextensions.k8s.io/CustomResourceDefinition", "apps/DaemonSet", "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet",
      "autoscaling/HorizontalPodAutoscaler", "batch/CronJob", "batch/Job", "networking.k8s.io/Ingress",
      "networking.k8s.io/NetworkPolicy", "policy/PodDisruptionBudget",
    ]);
  });
});

describe("StatefulSet", () => {
  const sts = () => ({
    metadata: { name: "db", namespace: "n" },
    spec: {
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: podTemplate({ app: "db" }),
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    },
  });

  test("gets upstream's defaults, claim templates included", () => {
    const { obj, causes } = admit(statefulSetStrategy, sts());
    expect(causes).toEqual([]);
    const { template, volumeClaimTemplates, ...rest } = obj.spec;
    expect(rest).toEqual({
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
    expect(template.spec.restartPolicy).toBe("Always");
    expect(volumeClaimTemplates[0].spec.volumeMode).toBe("Filesystem");
    expect(volumeClaimTemplates[0].status).toEqual({ phase: "Pending" });
  });

  test("updates may change replicas and template but not claim templates", () => {
    const old = admit(statefulSetStrategy, sts()).obj;
    const scaled = structuredClone(old);
    scaled.spec.replicas = 3;
    scaled.spec.template.spec.containers[0].image = "busybox:1.37";
    expect(admit(statefulSetStrategy, scaled, old).causes).toEqual([]);
    const grown = structuredClone(old);
    grown.spec.volumeClaimTemplates[0].spec.resources.requests.storage = "2Gi";
    expect(admit(statefulSetStrategy, grown, old).causes).toEqual([
      { reason: "FieldValueForbidden", message: `Forbidden: ${statefulSetUpdateForbidden}`, field: "spec" },
    ]);
  });

  test("an empty selector is invalid for a statefulset", () => {
    const s = sts();
    s.spec.selector = {} as never;
    expect(admit(statefulSetStrategy, s).causes.map((c) => c.message)).toContain("Invalid value: {}: empty selector is invalid for statefulset");
  });
});

describe("DaemonSet", () => {
  test("defaults to RollingUpdate with maxUnavailable 1 and maxSurge 0", () => {
    const ds = { metadata: { name: "agent", namespace: "n" }, spec: { selector: { matchLabels: { a: "b" } }, template: podTemplate({ a: "b" }) } };
    const { obj, causes } = admit(daemonSetStrategy, ds);
    expect(causes).toEqual([]);
    expect(obj.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
  });

  test("its selector is immutable", () => {
    const ds = { metadata: { name: "agent", namespace: "n" }, spec: { selector: { matchLabels: { a: "b" } }, template: podTemplate({ a: "b", c: "d" }) } };
    const old = admit(daemonSetStrategy, ds).obj;
    const next = structuredClone(old);
    next.spec.selector = { matchLabels: { c: "d" } };
    expect(fields(admit(daemonSetStrategy, next, old).causes)).toEqual(["spec.selector"]);
  });
});

describe("ControllerRevision", () => {
  test("data is required and immutable", () => {
    expect(fields(admit(controllerRevisionStrategy, { metadata: { name: "r", namespace: "n" }, revision: 1 }).causes)).toEqual(["data"]);
    const old = { metadata: { name: "r", namespace: "n" }, revision: 1, data: { a: 1 } };
    expect(fields(admit(controllerRevisionStrategy, { ...old, data: { a: 2 } }, old).causes)).toEqual(["data"]);
  });
});

describe("discovery and coordination", () => {
  test("endpoint slice ports default their name and protocol; addresses match the type", () => {
    const s = { metadata: { name: "web-x", namespace: "n" }, addressType: "IPv4", endpoints: [{ addresses: ["10.42.0.5", "fd00::1"] }], ports: [{ port: 80 }] };
    const { obj, causes } = admit(endpointSliceStrategy, s);
    expect(obj.ports).toEqual([{ port: 80, name: "", protocol: "TCP" }]);
    expect(causes).toEqual([{ reason: "FieldValueInvalid", message: 'Invalid value: "fd00::1": must be a valid IPv4 address', field: "endpoints[0].addresses[1]" }]);
  });

  test("endpoints need IPs and named ports when there are several", () => {
    const e = { metadata: { name: "web", namespace: "n" }, subsets: [{ addresses: [{ ip: "x" }], ports: [{ port: 80 }, { port: 81, name: "b" }] }] };
    expect(fields(admit(endpointsStrategy, e).causes)).toEqual(["subsets[0].addresses[0].ip", "subsets[0].ports[0].name"]);
  });

  test("a lease duration must be positive", () => {
    expect(fields(admit(leaseStrategy, { metadata: { name: "l", namespace: "n" }, spec: { leaseDurationSeconds: 0 } }).causes)).toEqual(["spec.leaseDurationSeconds"]);
  });
});

describe("networking", () => {
  const ingress = () => ({
    metadata: { name: "web", namespace: "n" },
    spec: { rules: [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
  });

  test("a simple ingress is valid", () => {
    expect(admit(ingressStrategy, ingress()).causes).toEqual([]);
  });

  test("paths need a pathType, absolute paths and a backend port", () => {
    const i = ingress() as any;
    i.spec.rules[0].http.paths = [{ path: "api", pathType: "Exact", backend: { service: { name: "web", port: {} } } }, { path: "/", backend: { service: { name: "web", port: { name: "http" } } } }];
    expect(admit(ingressStrategy, i).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "api": must be an absolute path', field: "spec.rules[0].http.paths[0].path" },
      { reason: "FieldValueInvalid", message: "Invalid value: {}: port name or number is required", field: "spec.rules[0].http.paths[0].backend.service.port" },
      { reason: "FieldValueRequired", message: "Required value: pathType must be specified", field: "spec.rules[0].http.paths[1].pathType" },
    ]);
  });

  test("an ingress needs rules or a default backend; hosts are not IPs", () => {
    expect(fields(admit(ingressStrategy, { metadata: { name: "w", namespace: "n" }, spec: {} }).causes)).toEqual(["spec"]);
    const i = ingress();
    i.spec.rules[0].host = "10.0.0.1";
    expect(fields(admit(ingressStrategy, i).causes)).toEqual(["spec.rules[0].host"]);
  });

  test("an ingress class needs a domain-prefixed controller that never changes", () => {
    expect(admit(ingressClassStrategy, { metadata: { name: "traefik" }, spec: { controller: "traefik" } }).causes).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "traefik": must be a domain-prefixed path (such as "acme.io/foo")', field: "spec.controller" },
    ]);
    const old = { metadata: { name: "traefik" }, spec: { controller: "traefik.io/ingress-controller" } };
    expect(fields(admit(ingressClassStrategy, { ...old, spec: { controller: "k8s.io/x" } }, old).causes)).toEqual(["spec.controller"]);
  });

  test("network policies default policyTypes and port protocols", () => {
    const np = { metadata: { name: "p", namespace: "n" }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } };
    const { obj, causes } = admit(networkPolicyStrategy, np);
    expect(causes).toEqual([]);
    expect(obj.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(obj.spec.egress[0].ports).toEqual([{ port: 53, protocol: "TCP" }]);
  });

  test("a network policy peer needs exactly one kind of selector", () => {
    const np = { metadata: { name: "p", namespace: "n" }, spec: { podSelector: {}, ingress: [{ from: [{}, { ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] } };
    expect(fields(admit(networkPolicyStrategy, np).causes)).toEqual(["spec.ingress[0].from[0]", "spec.ingress[0].from[1]"]);
  });
});

describe("policy and autoscaling", () => {
  test("a PDB may not set both minAvailable and maxUnavailable", () => {
    const pdb = { metadata: { name: "p", namespace: "n" }, spec: { minAvailable: 1, maxUnavailable: "50%", selector: { matchLabels: { a: "b" } } } };
    expect(fields(admit(podDisruptionBudgetStrategy, pdb).causes)).toEqual(["spec"]);
  });

  test("an HPA defaults minReplicas and an 80% CPU target", () => {
    const hpa = { metadata: { name: "h", namespace: "n" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 5 } };
    const { obj, causes } = admit(horizontalPodAutoscalerStrategy, hpa);
    expect(causes).toEqual([]);
    expect(obj.spec.minReplicas).toBe(1);
    expect(obj.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
  });

  test("HPA behavior gets upstream's scaling rules", () => {
    const hpa = { metadata: { name: "h", namespace: "n" }, spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } };
    expect(admit(horizontalPodAutoscalerStrategy, hpa).obj.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
    });
  });

  test("maxReplicas must not be below minReplicas", () => {
    const hpa = { metadata: { name: "h", namespace: "n" }, spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 3, maxReplicas: 2 } };
    expect(admit(horizontalPodAutoscalerStrategy, hpa).causes).toEqual([
      { reason: "FieldValueInvalid", message: "Invalid value: 2: must be greater than or equal to `minReplicas`", field: "spec.maxReplicas" },
    ]);
  });
});

describe("storage", () => {
  test("a storage class defaults Delete and Immediate; its provisioner is fixed", () => {
    const sc = { metadata: { name: "local-path" }, provisioner: "rancher.io/local-path" };
    const { obj, causes } = admit(storageClassStrategy, sc);
    expect(causes).toEqual([]);
    expect(obj).toMatchObject({ reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
    expect(fields(admit(storageClassStrategy, { ...obj, provisioner: "x.io/y" }, obj).causes)).toEqual(["provisioner"]);
  });
});

describe("RBAC", () => {
  test("rules need verbs, and resource rules need groups and resources", () => {
    const role = { metadata: { name: "r", namespace: "n" }, rules: [{ resources: ["pods"] }, { verbs: ["get"], nonResourceURLs: ["/healthz"] }] };
    expect(admit(roleStrategyNamespaced, role).causes).toEqual([
      { reason: "FieldValueRequired", message: "Required value: verbs must contain at least one value", field: "rules[0].verbs" },
      { reason: "FieldValueRequired", message: "Required value: resource rules must supply at least one api group", field: "rules[0].apiGroups" },
      { reason: "FieldValueInvalid", message: 'Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs', field: "rules[1].nonResourceURLs" },
    ]);
    expect(admit(clusterRoleStrategy, { metadata: { name: "system:x" }, rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }] }).causes).toEqual([]);
  });

  test("bindings default API groups and need namespaced service accounts when cluster-wide", () => {
    const crb = {
      metadata: { name: "b" },
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "User", name: "bob" }, { kind: "ServiceAccount", name: "robot" }],
    };
    const { obj, causes } = admit(clusterRoleBindingStrategy, crb);
    expect(obj.roleRef.apiGroup).toBe("rbac.authorization.k8s.io");
    expect(obj.subjects[0].apiGroup).toBe("rbac.authorization.k8s.io");
    expect(causes).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "subjects[1].namespace" }]);
  });

  test("a cluster role binding may not refer to a Role, and roleRef never changes", () => {
    const rb = { metadata: { name: "b" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "x" } };
    expect(fields(admit(clusterRoleBindingStrategy, rb).causes)).toEqual(["roleRef.kind"]);
    const old = { metadata: { name: "b", namespace: "n" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "x" } };
    const next = { ...old, roleRef: { ...old.roleRef, name: "y" } };
    expect(fields(admit(roleBindingStrategy, next, old).causes)).toEqual(["roleRef"]);
  });
});

describe("CustomResourceDefinition", () => {
  const crd = () => ({
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", kind: "Widget" },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
    },
  });

  test("defaults singular, listKind, conversion and storedVersions", () => {
    const { obj, causes } = admit(customResourceDefinitionStrategy, crd());
    expect(causes).toEqual([]);
    expect(obj.spec.names).toEqual({ plural: "widgets", kind: "Widget", singular: "widget", listKind: "WidgetList" });
    expect(obj.spec.conversion).toEqual({ strategy: "None" });
    expect(obj.status).toEqual({ storedVersions: ["v1"] });
  });

  const cases: [string, (c: any) => void, string, string][] = [
    ["a name that is not plural.group", (c) => (c.metadata.name = "widget.example.com"), "metadata.name", 'Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group'],
    ["a group without a dot", (c) => Object.assign(c, { metadata: { name: "widgets.example" }, spec: { ...c.spec, group: "example" } }), "spec.group", 'Invalid value: "example": should be a domain with at least one dot'],
    ["a bad scope", (c) => (c.spec.scope = "Global"), "spec.scope", 'Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    ["two storage versions", (c) => c.spec.versions.push({ ...c.spec.versions[0], name: "v2" }), "spec.versions", 'Invalid value: ["v1","v2"]: must have exactly one version marked as storage version'],
    ["no schema", (c) => delete c.spec.versions[0].schema, "spec.versions[0].schema.openAPIV3Schema", "Required value: schemas are required"],
    ["a non-object root", (c) => (c.spec.versions[0].schema.openAPIV3Schema.type = "string"), "spec.versions[0].schema.openAPIV3Schema.type", 'Invalid value: "string": must be object at the root'],
    ["duplicate versions", (c) => c.spec.versions.push({ ...c.spec.versions[0], storage: false }), "spec.versions", 'Invalid value: ["v1","v1"]: must contain unique version names'],
    ["an uppercase plural", (c) => (c.spec.names.plural = "Widgets"), "spec.names.plural", "Invalid value: \"Widgets\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
  ];
  test.each(cases)("%s is reported on %p", (_what, mutate, field, message) => {
    const c = crd();
    mutate(c);
    expect(admit(customResourceDefinitionStrategy, c).causes).toContainEqual(expect.objectContaining({ field, message }));
  });

  test("the scope cannot change", () => {
    const old = admit(customResourceDefinitionStrategy, crd()).obj;
    const next = structuredClone(old);
    next.spec.scope = "Cluster";
    expect(fields(admit(customResourceDefinitionStrategy, next, old).causes)).toEqual(["spec.scope"]);
  });
});

describe("wrong-typed input", () => {
  test("a value of the wrong type is a 400, not an exception", () => {
    const s = strategies["apps/Deployment"];
    let err: unknown;
    try {
      s.defaults!({ metadata: { name: "d", namespace: "n" }, spec: "x" } as KubeObject);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 400, reason: "BadRequest" });
    expect((err as Error).message).toStartWith("the object cannot be handled as a Deployment: a field has a value of the wrong type");
  });
});
