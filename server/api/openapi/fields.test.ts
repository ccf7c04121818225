import { describe, expect, test } from "bun:test";
import type { ResourceType } from "../registry/types.ts";
import { knownFields, unknownFieldPaths, unknownFields } from "./fields.ts";
import { builtinResources, cronTabs } from "./testutil.ts";

const rts = builtinResources();
const rt = (group: string, kind: string) => rts.find((r) => r.group === group && r.kind === kind)!;
const check = (group: string, kind: string, obj: Record<string, unknown>) => unknownFieldPaths(rt(group, kind), obj);

const lastApplied = {
  "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"apps/v1","kind":"Deployment"}\n',
};

describe("what kubectl sends has no unknown fields", () => {
  test("kubectl create deployment", () => {
    const body = {
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    };
    expect(check("apps", "Deployment", body)).toEqual([]);
  });

  test("kubectl run", () => {
    const body = {
      kind: "Pod",
      apiVersion: "v1",
      metadata: { name: "nginx", labels: { run: "nginx" } },
      spec: {
        containers: [{ name: "nginx", image: "nginx", resources: {} }],
        restartPolicy: "Always",
        dnsPolicy: "ClusterFirst",
      },
      status: {},
    };
    expect(check("", "Pod", body)).toEqual([]);
    const interactive = structuredClone(body) as any;
    Object.assign(interactive.spec.containers[0], { stdin: true, stdinOnce: true, tty: true, args: ["sh"] });
    expect(check("", "Pod", interactive)).toEqual([]);
  });

  test("kubectl expose", () => {
    const body = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { creationTimestamp: null, labels: { app: "web" }, name: "web" },
      spec: { ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }], selector: { app: "web" } },
      status: { loadBalancer: {} },
    };
    expect(check("", "Service", body)).toEqual([]);
  });

  test("kubectl create configmap, secret, namespace, serviceaccount, job and cronjob", () => {
    const meta = { name: "x", creationTimestamp: null };
    expect(check("", "ConfigMap", { kind: "ConfigMap", apiVersion: "v1", metadata: meta, data: { "a.txt": "1", b: "2" } })).toEqual([]);
    expect(check("", "Secret", { kind: "Secret", apiVersion: "v1", metadata: meta, data: { p: "cGFzcw==" }, type: "Opaque" })).toEqual([]);
    expect(check("", "Secret", { kind: "Secret", apiVersion: "v1", metadata: meta, stringData: { p: "pass" } })).toEqual([]);
    expect(check("", "Namespace", { kind: "Namespace", apiVersion: "v1", metadata: meta, spec: {}, status: {} })).toEqual([]);
    expect(check("", "ServiceAccount", { kind: "ServiceAccount", apiVersion: "v1", metadata: meta })).toEqual([]);
    const jobSpec = { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: "x", image: "busybox", resources: {} }], restartPolicy: "Never" } } };
    expect(check("batch", "Job", { kind: "Job", apiVersion: "batch/v1", metadata: meta, spec: jobSpec, status: {} })).toEqual([]);
    const cj = { kind: "CronJob", apiVersion: "batch/v1", metadata: meta, spec: { jobTemplate: { metadata: meta, spec: jobSpec }, schedule: "*/1 * * * *" }, status: {} };
    expect(check("batch", "CronJob", cj)).toEqual([]);
  });

  test("a deployment as kubectl get -o yaml returns it (for replace and edit)", () => {
    const live = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        annotations: { "deployment.kubernetes.io/revision": "2", ...lastApplied },
        creationTimestamp: "2025-01-01T00:00:00Z",
        generation: 3,
        labels: { app: "web" },
        name: "web",
        namespace: "default",
        resourceVersion: "1234",
        uid: "6f0c7e3e-0000-4000-8000-000000000000",
        managedFields: [
          { apiVersion: "apps/v1", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {} } }, manager: "kubectl", operation: "Update", time: "2025-01-01T00:00:00Z" },
        ],
        finalizers: ["example.com/keep"],
        ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "u", controller: false, blockOwnerDeletion: true }],
      },
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 2,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["fe"] }] },
        strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 }, type: "RollingUpdate" },
        template: {
          metadata: { creationTimestamp: null, labels: { app: "web" }, annotations: { "kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:00Z" } },
          spec: {
            containers: [
              {
                env: [{ name: "A", value: "1" }, { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } }],
                envFrom: [{ configMapRef: { name: "cfg" } }],
                image: "nginx:1.27",
                imagePullPolicy: "IfNotPresent",
                livenessProbe: { httpGet: { path: "/", port: 80, scheme: "HTTP" }, failureThreshold: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                name: "nginx",
                ports: [{ containerPort: 80, name: "http", protocol: "TCP" }],
                resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: 0.1 } },
                securityContext: { capabilities: { drop: ["ALL"] }, runAsNonRoot: true, readOnlyRootFilesystem: true },
                terminationMessagePath: "/dev/termination-log",
                terminationMessagePolicy: "File",
                volumeMounts: [{ mountPath: "/data", name: "data" }, { mountPath: "/etc/cfg", name: "cfg", readOnly: true }],
              },
            ],
            dnsPolicy: "ClusterFirst",
            restartPolicy: "Always",
            schedulerName: "default-scheduler",
            securityContext: {},
            terminationGracePeriodSeconds: 30,
            tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }],
            affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "web" } } } }] } },
            volumes: [
              { name: "data", emptyDir: { sizeLimit: "1Gi" } },
              { name: "cfg", configMap: { name: "cfg", defaultMode: 420, items: [{ key: "a", path: "a.txt" }] } },
              { name: "tok", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } }] } },
            ],
          },
        },
      },
      status: {
        availableReplicas: 2,
        conditions: [
          { lastTransitionTime: "2025-01-01T00:00:00Z", lastUpdateTime: "2025-01-01T00:00:00Z", message: "ok", reason: "MinimumReplicasAvailable", status: "True", type: "Available" },
        ],
        observedGeneration: 3,
        readyReplicas: 2,
        replicas: 2,
        updatedReplicas: 2,
      },
    };
    expect(check("apps", "Deployment", live)).toEqual([]);
  });

  test("a running pod with the status the node agent reports", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-abc", namespace: "default", generateName: "web-", labels: { "pod-template-hash": "abc" } },
      spec: {
        containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }] }],
        initContainers: [{ name: "init", image: "busybox", command: ["true"], restartPolicy: "Always" }],
        nodeName: "node1",
        serviceAccountName: "default",
        enableServiceLinks: true,
        preemptionPolicy: "PreemptLowerPriority",
        priority: 0,
        volumes: [{ name: "kube-api-access", projected: { defaultMode: 420, sources: [{ configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } }] } }],
      },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: "2025-01-01T00:00:00Z" }],
        hostIP: "192.168.1.10",
        hostIPs: [{ ip: "192.168.1.10" }],
        podIP: "10.42.0.9",
        podIPs: [{ ip: "10.42.0.9" }],
        qosClass: "BestEffort",
        startTime: "2025-01-01T00:00:00Z",
        containerStatuses: [
          {
            containerID: "kubun://abc",
            image: "docker.io/library/nginx:latest",
            imageID: "docker.io/library/nginx@sha256:00",
            lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: "2025-01-01T00:00:00Z", finishedAt: "2025-01-01T00:00:01Z", containerID: "kubun://old" } },
            name: "nginx",
            ready: true,
            restartCount: 1,
            started: true,
            state: { running: { startedAt: "2025-01-01T00:00:02Z" } },
            volumeMounts: [{ mountPath: "/var/run/secrets", name: "kube-api-access", readOnly: true, recursiveReadOnly: "Disabled" }],
          },
        ],
      },
    };
    expect(check("", "Pod", pod)).toEqual([]);
  });

  test("nodes, events, endpoint slices, leases and role bindings written by kubun's own components", () => {
    const node = {
      apiVersion: "v1", kind: "Node", metadata: { name: "n1", labels: { "node-role.kubernetes.io/control-plane": "true" } },
      spec: { podCIDR: "10.42.0.0/24", podCIDRs: ["10.42.0.0/24"], taints: [{ key: "k", effect: "NoSchedule" }] },
      status: {
        addresses: [{ type: "InternalIP", address: "192.168.1.10" }],
        allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
        capacity: { cpu: "4", memory: "8Gi", pods: "110" },
        conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: "2025-01-01T00:00:00Z", lastTransitionTime: "2025-01-01T00:00:00Z", reason: "KubeletReady", message: "ready" }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: { architecture: "amd64", bootID: "", containerRuntimeVersion: "kubun://0.1", kernelVersion: "6.1", kubeProxyVersion: "", kubeletVersion: "v1.33.0+kubun", machineID: "", operatingSystem: "linux", osImage: "Debian", systemUUID: "" },
      },
    };
    expect(check("", "Node", node)).toEqual([]);
    const event = {
      apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "default" },
      involvedObject: { kind: "Pod", name: "p", namespace: "default", uid: "u", apiVersion: "v1", resourceVersion: "1", fieldPath: "spec.containers{c}" },
      reason: "Pulled", message: "m", type: "Normal", count: 1, source: { component: "kubelet", host: "n1" },
      firstTimestamp: "2025-01-01T00:00:00Z", lastTimestamp: "2025-01-01T00:00:00Z", eventTime: null, reportingComponent: "kubelet", reportingInstance: "n1",
    };
    expect(check("", "Event", event)).toEqual([]);
    const slice = {
      apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-x", labels: { "kubernetes.io/service-name": "web" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.42.0.9"], conditions: { ready: true, serving: true, terminating: false }, nodeName: "n1", targetRef: { kind: "Pod", name: "p", namespace: "default", uid: "u" } }],
      ports: [{ name: "", port: 80, protocol: "TCP" }],
    };
    expect(check("discovery.k8s.io", "EndpointSlice", slice)).toEqual([]);
    const lease = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "n1" }, spec: { holderIdentity: "n1", leaseDurationSeconds: 40, renewTime: "2025-01-01T00:00:00.000000Z" } };
    expect(check("coordination.k8s.io", "Lease", lease)).toEqual([]);
    const rb = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "b" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" }, subjects: [{ kind: "ServiceAccount", name: "default", namespace: "default" }] };
    expect(check("rbac.authorization.k8s.io", "ClusterRoleBinding", rb)).toEqual([]);
  });

  test("a CustomResourceDefinition with a structural schema", () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "crontabs.stable.example.com" },
      spec: {
        group: "stable.example.com", scope: "Namespaced",
        names: { plural: "crontabs", singular: "crontab", kind: "CronTab", shortNames: ["ct"] },
        versions: [{
          name: "v1", served: true, storage: true,
          additionalPrinterColumns: [{ name: "Spec", type: "string", jsonPath: ".spec.cronSpec" }],
          subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } },
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-validations": [{ rule: "self.spec.replicas >= 0" }], properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { cronSpec: { type: "string", pattern: "^x" } } } } } },
        }],
      },
    };
    expect(check("apiextensions.k8s.io", "CustomResourceDefinition", crd)).toEqual([]);
  });
});

describe("unknown fields are reported with their paths", () => {
  test("at the top level, in spec and inside list items", () => {
    const body = {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", bogusMeta: 1 }, extra: true,
      spec: {
        foo: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y", bogus: "z", ports: [{ containerPort: 1, nope: 2 }] }] } },
      },
    };
    expect(check("apps", "Deployment", body)).toEqual([
      "metadata.bogusMeta",
      "extra",
      "spec.foo",
      "spec.template.spec.containers[1].bogus",
      "spec.template.spec.containers[1].ports[0].nope",
    ]);
  });

  test("inside map values with a structured value schema", () => {
    const rq = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetport: 8080 }] } };
    expect(check("", "Service", rq)).toEqual(["spec.ports[0].targetport"]);
    const vol = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c" }, spec: { resources: { requests: { storage: "1Gi" }, request: {} } } };
    expect(check("", "PersistentVolumeClaim", vol)).toEqual(["spec.resources.request"]);
  });

  test("by schema name, and not at all for schemas kubun has no data for", () => {
    expect(unknownFields("io.k8s.api.core.v1.ConfigMap", { data: { a: "1" }, date: {} })).toEqual(["date"]);
    expect(unknownFields("io.example.Nothing", { anything: 1 })).toEqual([]);
    const unknownKind: ResourceType = { group: "example.io", version: "v1", kind: "Thing", plural: "things", singular: "thing", namespaced: true, strategy: {} };
    expect(unknownFieldPaths(unknownKind, { spec: { x: 1 } })).toEqual([]);
  });
});

describe("custom resources", () => {
  test("fields outside the CRD schema are reported; preserved and embedded levels accept anything", () => {
    const obj = {
      apiVersion: "stable.example.com/v1", kind: "CronTab", metadata: { name: "c", labels: { a: "b" } },
      spec: {
        cronSpec: "* * * * *", bogus: 1,
        extra: { anything: { goes: true } },
        labels: { x: "y" },
        template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { whatever: 1 }, other: 2 },
      },
      status: { phase: "Running", nope: true },
    };
    expect(unknownFieldPaths(cronTabs, obj)).toEqual(["spec.bogus", "spec.template.other", "status.nope"]);
  });

  test("a CRD that preserves unknown fields at the root accepts anything but checks metadata", () => {
    const open = { ...cronTabs, crdSchema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } };
    expect(unknownFieldPaths(open, { apiVersion: "x/v1", kind: "CronTab", metadata: { name: "a", nope: 1 } as never, spec: { any: 1 } })).toEqual(["metadata.nope"]);
  });
});

test("knownFields lists a type's fields by full or short name", () => {
  expect(knownFields("io.k8s.api.core.v1.ServicePort")).toEqual(["appProtocol", "name", "nodePort", "port", "protocol", "targetPort"]);
  expect(knownFields("DeploymentStrategy")).toEqual(["rollingUpdate", "type"]);
  expect(knownFields("NoSuchType")).toBeUndefined();
});
