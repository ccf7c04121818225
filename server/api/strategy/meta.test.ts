import { describe, expect, test } from "bun:test";
import type { KubeObject } from "../../../shared/api/object.ts";
import { validateObjectMeta } from "./meta.ts";
import {
  isCIDR, isConfigMapKey, isEnvVarName, isIP, isValidPortName, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain,
} from "./names.ts";

const obj = (metadata: Record<string, unknown>): KubeObject => ({ metadata });

describe("validateObjectMeta", () => {
  test("a good namespaced object has no causes", () => {
    expect(validateObjectMeta(obj({ name: "web-1.a", namespace: "default", labels: { app: "web" } }), true)).toEqual([]);
  });

  test("a missing name says name or generateName is required", () => {
    expect(validateObjectMeta(obj({ namespace: "default" }), true)).toEqual([
      { reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name" },
    ]);
  });

  const badNames: [string, string][] = [
    ["Web", "a lowercase RFC 1123 subdomain must consist of"],
    ["web_1", "a lowercase RFC 1123 subdomain must consist of"],
    ["-web", "a lowercase RFC 1123 subdomain must consist of"],
    ["a".repeat(254), "must be no more than 253 characters"],
  ];
  test.each(badNames)("the name %p is invalid: %p", (name, message) => {
    const causes = validateObjectMeta(obj({ name, namespace: "default" }), true);
    expect(causes[0].field).toBe("metadata.name");
    expect(causes[0].message).toContain(message);
  });

  test("a generateName may end in a dash", () => {
    expect(validateObjectMeta(obj({ generateName: "web-", name: "web-x7k2p", namespace: "default" }), true)).toEqual([]);
    expect(validateObjectMeta(obj({ generateName: "Web-", name: "web-x7k2p", namespace: "default" }), true)[0].field).toBe("metadata.generateName");
  });

  test("namespaced objects need a namespace, cluster-scoped ones may not have one", () => {
    expect(validateObjectMeta(obj({ name: "a" }), true)).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "metadata.namespace" }]);
    expect(validateObjectMeta(obj({ name: "a", namespace: "x" }), false)).toEqual([
      { reason: "FieldValueForbidden", message: "Forbidden: not allowed on this type", field: "metadata.namespace" },
    ]);
  });

  test("label values and annotation keys are checked on metadata.labels / metadata.annotations", () => {
    const causes = validateObjectMeta(obj({ name: "a", namespace: "n", labels: { a: "-bad" }, annotations: { "x/y/z": "v" } }), true);
    expect(causes.map((c) => c.field)).toEqual(["metadata.labels", "metadata.annotations"]);
  });

  test("annotation keys may have capitals", () => {
    expect(validateObjectMeta(obj({ name: "a", namespace: "n", annotations: { "Example.com/Key": "v" } }), true)).toEqual([]);
  });

  test("annotations over 256 KiB in total are too long", () => {
    const causes = validateObjectMeta(obj({ name: "a", namespace: "n", annotations: { big: "x".repeat(256 * 1024) } }), true);
    expect(causes).toEqual([{ reason: "FieldValueTooLong", message: "Too long: must have at most 262144 bytes", field: "metadata.annotations" }]);
  });

  test("finalizers must be qualified or standard", () => {
    const ok = validateObjectMeta(obj({ name: "a", namespace: "n", finalizers: ["kubernetes", "example.com/x", "foregroundDeletion"] }), true);
    expect(ok).toEqual([]);
    const bad = validateObjectMeta(obj({ name: "a", namespace: "n", finalizers: ["mine"] }), true);
    expect(bad).toEqual([
      { reason: "FieldValueInvalid", message: 'Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified', field: "metadata.finalizers[0]" },
    ]);
  });

  test("at most one owner reference is the controller", () => {
    const ref = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "r", uid: "u", controller: true };
    const causes = validateObjectMeta(obj({ name: "a", namespace: "n", ownerReferences: [ref, { ...ref, name: "s" }] }), true);
    expect(causes.map((c) => c.field)).toEqual(["metadata.ownerReferences"]);
  });
});

describe("name validators", () => {
  const cases: [string, (n: string, p: boolean) => string[], string, boolean][] = [
    ["subdomain", nameIsDNSSubdomain, "a.b-c", true],
    ["subdomain", nameIsDNSSubdomain, "a..b", false],
    ["label", nameIsDNSLabel, "kube-system", true],
    ["label", nameIsDNSLabel, "a.b", false],
    ["label", nameIsDNSLabel, "1abc", true],
    ["1035 label", nameIsDNS1035Label, "1abc", false],
    ["1035 label", nameIsDNS1035Label, "web", true],
  ];
  test.each(cases)("%s %p valid: %p", (_kind, fn, name, ok) => {
    expect(fn(name, false).length === 0).toBe(ok);
  });

  test("a label with dots says so", () => {
    expect(nameIsDNSLabel("a.b", false)).toEqual(["must not contain dots"]);
  });
});

describe("key and value syntaxes", () => {
  test.each([
    ["key.name", true],
    ["KEY_NAME", true],
    ["a/b", false],
    [".", false],
    ["..a", false],
    ["", false],
  ] as [string, boolean][])("config key %p valid: %p", (key, ok) => {
    expect(isConfigMapKey(key).length === 0).toBe(ok);
  });

  test.each([
    ["http", []],
    ["h2c-web", []],
    ["80", ["must contain at least one letter (a-z)"]],
    ["a--b", ["must not contain consecutive hyphens"]],
    ["-a", ["must not begin or end with a hyphen"]],
    ["HTTP", ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)"]],
  ] as [string, string[]][])("port name %p gives %p", (name, errs) => {
    expect(isValidPortName(name)).toEqual(errs);
  });

  test.each([
    ["PATH", true],
    ["my.var-1", true],
    ["1ST", true],
    ["A=B", false],
    ["tab\t", false],
  ] as [string, boolean][])("env name %p valid: %p", (name, ok) => {
    expect(isEnvVarName(name).length === 0).toBe(ok);
  });

  test.each([
    ["10.0.0.1", true],
    ["256.0.0.1", false],
    ["01.0.0.1", false],
    ["::1", true],
    ["fd00::10:0:1", true],
    ["2001:db8::1::2", false],
    ["::ffff:10.0.0.1", true],
    ["host", false],
  ] as [string, boolean][])("IP %p valid: %p", (ip, ok) => {
    expect(isIP(ip)).toBe(ok);
  });

  test.each([
    ["10.42.0.0/24", true],
    ["10.42.0.0/33", false],
    ["fd00::/64", true],
    ["10.42.0.0", false],
  ] as [string, boolean][])("CIDR %p valid: %p", (cidr, ok) => {
    expect(isCIDR(cidr)).toBe(ok);
  });
});
