import { expect, test } from "bun:test";
import { parseResourcePath } from "./route.ts";

test("core namespaced item paths carry namespace, plural and name", () => {
  expect(parseResourcePath("/api/v1/namespaces/default/pods/web")).toEqual({
    group: "", version: "v1", namespace: "default", plural: "pods", name: "web", subresource: undefined,
  });
});

test("group paths and subresources are parsed", () => {
  expect(parseResourcePath("/apis/apps/v1/namespaces/ns1/deployments/web/scale")).toMatchObject({
    group: "apps", version: "v1", namespace: "ns1", plural: "deployments", name: "web", subresource: "scale",
  });
});

test("the namespaces resource itself and its status subresource are cluster-scoped paths", () => {
  expect(parseResourcePath("/api/v1/namespaces/kube-system")).toMatchObject({ plural: "namespaces", name: "kube-system" });
  expect(parseResourcePath("/api/v1/namespaces/x/status")).toMatchObject({ plural: "namespaces", name: "x", subresource: "status" });
  expect(parseResourcePath("/api/v1/namespaces")).toMatchObject({ plural: "namespaces", name: undefined });
});

test("all-namespace lists have no namespace", () => {
  const r = parseResourcePath("/api/v1/pods");
  expect(r?.plural).toBe("pods");
  expect(r?.namespace).toBeUndefined();
});

test("paths that are not resources are rejected", () => {
  expect(parseResourcePath("/api/v1")).toBeUndefined();
  expect(parseResourcePath("/apis/apps")).toBeUndefined();
  expect(parseResourcePath("/api/v1/namespaces/a/pods/b/log/extra")).toBeUndefined();
});
