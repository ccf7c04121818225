import { describe, expect, test } from "bun:test";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { deploymentStrategy } from "./deployment.ts";
import { replicaSetStrategy } from "./replicaset.ts";

/** What `kubectl create deployment web --image=nginx --replicas=2` sends (contract §5). */
const kubectlCreateDeployment = () =>
  ({
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: { name: "web", namespace: "default", creationTimestamp: null, labels: { app: "web" } },
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
  }) as unknown as KubeObject;

const admitted = (obj: KubeObject) => {
  deploymentStrategy.defaults!(obj);
  return obj;
};

describe("Deployment defaults", () => {
  test("kubectl create deployment is defaulted to exactly upstream's shape", () => {
    const d = admitted(kubectlCreateDeployment());
    expect(d.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: "web" } },
        spec: {
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
          securityContext: {},
          schedulerName: "default-scheduler",
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(deploymentStrategy.validate!(d)).toEqual([]);
  });

  test("defaulting twice changes nothing", () => {
    const once = admitted(kubectlCreateDeployment());
    const twice = admitted(structuredClone(once));
    expect(twice).toEqual(once);
  });

  test("a ReplicaSet made from the Deployment's template defaults to the same template", () => {
    const d = admitted(kubectlCreateDeployment()) as { spec: { template: unknown; selector: unknown } };
    const raw = kubectlCreateDeployment() as { spec: { template: unknown; selector: unknown } };
    const rs = { metadata: { name: "web-abc", namespace: "default" }, spec: { selector: raw.spec.selector, template: raw.spec.template } };
    replicaSetStrategy.defaults!(rs);
    expect(rs.spec.template).toEqual(d.spec.template);
  });

  test("a Recreate strategy gets no rollingUpdate", () => {
    const d = kubectlCreateDeployment() as { spec: { strategy: unknown } };
    d.spec.strategy = { type: "Recreate" };
    admitted(d as KubeObject);
    expect(d.spec.strategy).toEqual({ type: "Recreate" });
  });
});

describe("Deployment validation", () => {
  const causesFor = (mutate: (d: any) => void) => {
    const d = kubectlCreateDeployment() as any;
    mutate(d);
    admitted(d);
    return deploymentStrategy.validate!(d);
  };

  test("template labels that the selector does not match are reported on spec.template.metadata.labels", () => {
    const causes = causesFor((d) => (d.spec.template.metadata.labels = { app: "other" }));
    expect(causes).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "spec.template.metadata.labels",
        message: 'Invalid value: {"app":"other"}: `selector` does not match template `labels`',
      },
    ]);
  });

  test("a missing image is a required value on the container", () => {
    const causes = causesFor((d) => delete d.spec.template.spec.containers[0].image);
    expect(causes).toContainEqual({ reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers[0].image" });
  });

  test("a missing selector is required and matches nothing", () => {
    const fields = causesFor((d) => delete d.spec.selector).map((c) => c.field);
    expect(fields).toEqual(["spec.selector", "spec.template.metadata.labels"]);
  });

  test("an empty selector is invalid for a deployment", () => {
    const causes = causesFor((d) => (d.spec.selector = {}));
    expect(causes.map((c) => c.message)).toContain("Invalid value: {}: empty selector is invalid for deployment");
  });

  const cases: [string, (d: any) => void, string, string][] = [
    ["negative replicas", (d) => (d.spec.replicas = -1), "spec.replicas", "Invalid value: -1: must be greater than or equal to 0"],
    ["restartPolicy Never", (d) => (d.spec.template.spec.restartPolicy = "Never"), "spec.template.spec.restartPolicy", 'Unsupported value: "Never": supported values: "Always"'],
    ["an unknown strategy", (d) => (d.spec.strategy = { type: "Blue" }), "spec.strategy.type", 'Unsupported value: "Blue": supported values: "Recreate", "RollingUpdate"'],
    ["Recreate with rollingUpdate", (d) => (d.spec.strategy = { type: "Recreate", rollingUpdate: {} }), "spec.strategy.rollingUpdate", "Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ["both knobs zero", (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }), "spec.strategy.rollingUpdate.maxUnavailable", "Invalid value: 0: may not be 0 when `maxSurge` is 0"],
    ["a bad percentage", (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: "x%" } }), "spec.strategy.rollingUpdate.maxSurge", "Invalid value: \"x%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ["over 100%", (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: "150%" } }), "spec.strategy.rollingUpdate.maxUnavailable", 'Invalid value: "150%": must not be greater than 100%'],
    ["deadline not past minReady", (d) => Object.assign(d.spec, { minReadySeconds: 700 }), "spec.progressDeadlineSeconds", "Invalid value: 600: must be greater than minReadySeconds"],
    ["duplicate containers", (d) => d.spec.template.spec.containers.push({ name: "nginx", image: "x" }), "spec.template.spec.containers[1].name", 'Duplicate value: "nginx"'],
    ["an uppercase name", (d) => (d.metadata.name = "Web"), "metadata.name", "Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    ["an invalid label key", (d) => (d.metadata.labels = { "a b": "c" }), "metadata.labels", "Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ];
  test.each(cases)("%s is reported on %p", (_what, mutate, field, message) => {
    expect(causesFor(mutate)).toContainEqual(expect.objectContaining({ field, message }));
  });
});

describe("Deployment updates", () => {
  const stored = () => admitted(kubectlCreateDeployment()) as StoredObject;

  test("changing the selector is an immutable-field cause", () => {
    const next = stored() as any;
    next.spec.selector = { matchLabels: { app: "web", tier: "fe" } };
    next.spec.template.metadata.labels.tier = "fe";
    expect(deploymentStrategy.validateUpdate!(next, stored())).toEqual([
      { reason: "FieldValueInvalid", message: "field is immutable", field: "spec.selector" },
    ]);
  });

  test("changing the image and replicas is allowed", () => {
    const next = stored() as any;
    next.spec.replicas = 5;
    next.spec.template.spec.containers[0].image = "nginx:1.27";
    expect(deploymentStrategy.validateUpdate!(next, stored())).toEqual([]);
  });

  test("deployments have generations", () => {
    expect(deploymentStrategy.hasGeneration).toBe(true);
  });
});
