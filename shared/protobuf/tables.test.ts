// The tables are data; these checks catch typos in type names and kinds that point nowhere.
import { describe, expect, test } from "bun:test";
import { isProtobufContentType, supportedProtobufKinds } from "./index.ts";
import { kindTargets } from "./kinds.ts";
import { compileRegistry } from "./schema.ts";
import { registry } from "./tables/index.ts";

describe("protobuf tables", () => {
  test("every type name in every table resolves", () => {
    expect(registry.problems).toEqual([]);
  });

  test("every supported kind points at a compiled message", () => {
    for (const target of kindTargets()) expect(registry.messages.has(target)).toBe(true);
  });

  test("the kinds kubectl writes through typed clients are supported", () => {
    const kinds = supportedProtobufKinds();
    for (const k of [
      "v1 Namespace",
      "v1 ConfigMap",
      "v1 Secret",
      "v1 Service",
      "v1 ServiceAccount",
      "v1 Pod",
      "v1 Event",
      "apps/v1 Deployment",
      "apps/v1 ReplicaSet",
      "apps/v1 StatefulSet",
      "apps/v1 DaemonSet",
      "batch/v1 Job",
      "batch/v1 CronJob",
      "policy/v1 Eviction",
      "policy/v1 PodDisruptionBudget",
      "authorization.k8s.io/v1 SelfSubjectAccessReview",
      "authentication.k8s.io/v1 TokenRequest",
      "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
      "networking.k8s.io/v1 Ingress",
      "autoscaling/v1 Scale",
      "certificates.k8s.io/v1 CertificateSigningRequest",
      "coordination.k8s.io/v1 Lease",
      "discovery.k8s.io/v1 EndpointSlice",
      "* DeleteOptions",
    ]) {
      expect(kinds).toContain(k);
    }
  });

  test("a table mistake is reported, not thrown", () => {
    const bad = compileRegistry({ g: { M: { 1: ["x", "Nope"], 2: ["y", "Other", "ptr"], 3: ["z", "[]M", "inline"] } } });
    expect(bad.problems).toHaveLength(3);
    expect(bad.problems[0]).toContain('unknown type "Nope"');
  });

  test("the protobuf content type is recognised with or without parameters", () => {
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf")).toBe(true);
    expect(isProtobufContentType("Application/VND.Kubernetes.Protobuf; charset=binary")).toBe(true);
    expect(isProtobufContentType("application/json")).toBe(false);
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf;stream=watch")).toBe(true);
    expect(isProtobufContentType("")).toBe(false);
  });
});
