import { describe, expect, test } from "bun:test";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { cachedController } from "./owner-index.ts";

const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web", namespace: "ns", uid: "u1", resourceVersion: "1" } } as StoredObject;
const cache = { get: (key: string) => (key === "ns/web" ? rs : undefined) };
const ref = (over: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "u1", controller: true, ...over });

describe("cachedController", () => {
  test("finds the cached object a controller reference names, in the dependent's namespace", () => {
    expect(cachedController(cache, "ReplicaSet", "ns", ref())).toBe(rs);
    expect(cachedController(cache, "ReplicaSet", "other", ref())).toBeUndefined();
  });

  test("refuses a reference of another kind, another group, another uid, or none", () => {
    expect(cachedController(cache, "Deployment", "ns", ref())).toBeUndefined();
    expect(cachedController(cache, "ReplicaSet", "ns", ref({ apiVersion: "example.com/v1" }))).toBeUndefined();
    expect(cachedController(cache, "ReplicaSet", "ns", ref({ uid: "u2" }))).toBeUndefined();
    expect(cachedController(cache, "ReplicaSet", "ns", undefined)).toBeUndefined();
  });
});
