import { describe, expect, test } from "bun:test";
import type { Pod, PodSpec } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { defaultPullPolicy, defaultPodSpec } from "./pod-defaults.ts";
import { podQOSClass } from "./pod-admission.ts";
import { podStrategy } from "./pod.ts";
import { podUpdateForbiddenMessage } from "./pod-update.ts";

/** What `kubectl run nginx --image=nginx` sends (contract §5), after the create handler's status. */
const kubectlRun = (): Pod => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name: "nginx", namespace: "default", labels: { run: "nginx" } },
  spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }], restartPolicy: "Always", dnsPolicy: "ClusterFirst" },
  status: { phase: "Pending" },
});

const defaulted = (p: Pod = kubectlRun()) => {
  podStrategy.defaults!(p as KubeObject);
  return p;
};

describe("Pod defaults", () => {
  test("kubectl run gets upstream's pod defaults and admission additions", () => {
    const p = defaulted();
    expect(p.spec).toEqual({
      containers: [
        {
          name: "nginx",
          image: "nginx",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "Always",
        },
      ],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      serviceAccount: "default",
      securityContext: {},
      schedulerName: "default-scheduler",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    });
    expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    expect(podStrategy.validate!(p as KubeObject)).toEqual([]);
  });

  test("defaulting twice changes nothing", () => {
    const once = defaulted();
    expect(defaulted(structuredClone(once))).toEqual(once);
  });

  const pullPolicies: [string, "Always" | "IfNotPresent"][] = [
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["docker.io/library/nginx:1.27", "IfNotPresent"],
    ["localhost:5000/app", "Always"],
    ["localhost:5000/app:v1", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
    ["nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always"],
    ["Nginx", "IfNotPresent"],
    ["", "IfNotPresent"],
  ];
  test.each(pullPolicies)("image %p pulls %p", (image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });

  test("probes, ports, env refs and volumes get their defaults", () => {
    const spec: PodSpec = {
      containers: [
        {
          name: "c",
          image: "x:1",
          ports: [{ containerPort: 80 }],
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          env: [{ name: "N", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
        },
      ],
      volumes: [{ name: "a" }, { name: "b", configMap: { name: "cm" } }, { name: "c", secret: { secretName: "s" } }, { name: "d", hostPath: { path: "/x" } }],
    };
    defaultPodSpec(spec);
    const c = spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.env).toEqual([{ name: "N", valueFrom: { fieldRef: { fieldPath: "metadata.name", apiVersion: "v1" } } }]);
    expect(spec.volumes).toEqual([
      { name: "a", emptyDir: {} },
      { name: "b", configMap: { name: "cm", defaultMode: 420 } },
      { name: "c", secret: { secretName: "s", defaultMode: 420 } },
      { name: "d", hostPath: { path: "/x", type: "" } },
    ]);
  });

  test("requests default to limits, and equal cpu and memory make a Guaranteed pod", () => {
    const p = kubectlRun();
    p.spec!.containers[0].resources = { limits: { cpu: "500m", memory: "128Mi" } };
    defaulted(p);
    expect(p.spec!.containers[0].resources).toEqual({ limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "500m", memory: "128Mi" } });
    expect(p.status?.qosClass).toBe("Guaranteed");
    expect(podQOSClass({ containers: [{ name: "c", resources: { requests: { cpu: "1" } } }] })).toBe("Burstable");
  });

  test("an explicit service account is mirrored into the deprecated field", () => {
    const p = kubectlRun();
    p.spec!.serviceAccountName = "robot";
    expect(defaulted(p).spec!.serviceAccount).toBe("robot");
  });

  test("an existing NoExecute toleration for a key suppresses the default one", () => {
    const p = kubectlRun();
    p.spec!.tolerations = [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" }];
    expect(defaulted(p).spec!.tolerations!.map((t) => t.key)).toEqual(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]);
  });
});

describe("Pod validation", () => {
  const causesFor = (mutate: (p: any) => void) => {
    const p = kubectlRun() as any;
    mutate(p);
    defaulted(p);
    return podStrategy.validate!(p);
  };
  const cases: [string, (p: any) => void, string, string][] = [
    ["no containers", (p) => (p.spec.containers = []), "spec.containers", "Required value"],
    ["a container without a name", (p) => delete p.spec.containers[0].name, "spec.containers[0].name", "Required value"],
    ["a bad restart policy", (p) => (p.spec.restartPolicy = "Sometimes"), "spec.restartPolicy", 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ["a port out of range", (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]), "spec.containers[0].ports[0].containerPort", "Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ["a bad protocol", (p) => (p.spec.containers[0].ports = [{ containerPort: 80, protocol: "ICMP" }]), "spec.containers[0].ports[0].protocol", 'Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ["a long port name", (p) => (p.spec.containers[0].ports = [{ containerPort: 80, name: "a-very-long-port-name" }]), "spec.containers[0].ports[0].name", 'Invalid value: "a-very-long-port-name": must be no more than 15 characters'],
    ["a mount of a missing volume", (p) => (p.spec.containers[0].volumeMounts = [{ name: "data", mountPath: "/d" }]), "spec.containers[0].volumeMounts[0].name", 'Not found: "data"'],
    ["requests above limits", (p) => (p.spec.containers[0].resources = { requests: { cpu: "2" }, limits: { cpu: "1" } }), "spec.containers[0].resources.requests", 'Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ["a bad quantity", (p) => (p.spec.containers[0].resources = { limits: { memory: "1KB" } }), "spec.containers[0].resources.limits[memory]", 'Invalid value: "1KB": must be a valid quantity, e.g. 100m, 1Gi or 2'],
    ["an env var with '='", (p) => (p.spec.containers[0].env = [{ name: "A=B" }]), "spec.containers[0].env[0].name", "Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ["a probe without a handler", (p) => (p.spec.containers[0].livenessProbe = {}), "spec.containers[0].livenessProbe", "Required value: must specify a handler type"],
    ["a liveness probe with successThreshold 2", (p) => (p.spec.containers[0].livenessProbe = { exec: { command: ["true"] }, successThreshold: 2 }), "spec.containers[0].livenessProbe.successThreshold", "Invalid value: 2: must be 1"],
    ["duplicate volumes", (p) => (p.spec.volumes = [{ name: "v", emptyDir: {} }, { name: "v", emptyDir: {} }]), "spec.volumes[1].name", 'Duplicate value: "v"'],
    ["no namespace", (p) => delete p.metadata.namespace, "metadata.namespace", "Required value"],
  ];
  test.each(cases)("%s is reported on %p", (_what, mutate, field, message) => {
    expect(causesFor(mutate)).toContainEqual(expect.objectContaining({ field, message }));
  });
});

describe("Pod updates", () => {
  const stored = () => defaulted() as unknown as StoredObject;

  test("changing a container image is allowed", () => {
    const next = stored() as any;
    next.spec.containers[0].image = "nginx:1.27";
    expect(podStrategy.validateUpdate!(next, stored())).toEqual([]);
  });

  test("adding a toleration and setting activeDeadlineSeconds is allowed", () => {
    const next = stored() as any;
    next.spec.tolerations.push({ key: "k", operator: "Exists", effect: "NoSchedule" });
    next.spec.activeDeadlineSeconds = 60;
    expect(podStrategy.validateUpdate!(next, stored())).toEqual([]);
  });

  test("changing anything else is one Forbidden cause on spec", () => {
    const next = stored() as any;
    next.spec.containers[0].ports = [{ containerPort: 81, protocol: "TCP" }];
    expect(podStrategy.validateUpdate!(next, stored())).toEqual([
      { reason: "FieldValueForbidden", message: `Forbidden: ${podUpdateForbiddenMessage}`, field: "spec" },
    ]);
  });

  test("removing a toleration is forbidden", () => {
    const next = stored() as any;
    next.spec.tolerations = [];
    expect(podStrategy.validateUpdate!(next, stored()).map((c) => c.field)).toContain("spec.tolerations");
  });
});

describe("Pod field selectors", () => {
  const p = defaulted() as any;
  p.spec.nodeName = "n1";
  p.status.podIPs = [{ ip: "10.42.0.5" }];
  const cases: [string, string][] = [
    ["spec.nodeName", "n1"],
    ["spec.restartPolicy", "Always"],
    ["spec.schedulerName", "default-scheduler"],
    ["spec.serviceAccountName", "default"],
    ["spec.hostNetwork", "false"],
    ["status.phase", "Pending"],
    ["status.podIP", "10.42.0.5"],
    ["status.nominatedNodeName", ""],
  ];
  test.each(cases)("%p reads %p", (field, want) => {
    expect(podStrategy.fieldSelectors![field](p)).toBe(want);
  });
});
