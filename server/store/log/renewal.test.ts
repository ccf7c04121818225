import { expect, test } from "bun:test";
import { isRenewal, overlapsVolatile, VOLATILE_PREFIX } from "./renewal.ts";

const KEY = `${VOLATILE_PREFIX}node-1`;

function lease(renewTime: string, extra: { holder?: string; labels?: Record<string, string>; managedAt?: string } = {}): string {
  return JSON.stringify({
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: "node-1",
      namespace: "kube-node-lease",
      ...(extra.labels ? { labels: extra.labels } : {}),
      managedFields: [{ manager: "kubun", operation: "Update", time: extra.managedAt ?? "2026-01-01T00:00:00Z" }],
    },
    spec: { holderIdentity: extra.holder ?? "node-1", leaseDurationSeconds: 40, renewTime },
  });
}

test("a node lease update changing only renewTime and managedFields times is a renewal", () => {
  const before = lease("2026-01-01T00:00:00.000000Z");
  expect(isRenewal(KEY, before, lease("2026-01-01T00:00:10.000000Z"))).toBe(true);
  expect(isRenewal(KEY, before, lease("2026-01-01T00:00:10.000000Z", { managedAt: "2026-01-01T00:00:10Z" }))).toBe(true);
  expect(isRenewal(KEY, before, before)).toBe(true);
});

test("key order does not matter, but any other change does", () => {
  const before = lease("t1");
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(lease("t2"))).reverse()));
  expect(isRenewal(KEY, before, reordered)).toBe(true);
  expect(isRenewal(KEY, before, lease("t2", { holder: "node-2" }))).toBe(false);
  expect(isRenewal(KEY, before, lease("t2", { labels: { a: "b" } }))).toBe(false);
  const withDeletion = JSON.parse(lease("t2"));
  withDeletion.metadata.deletionTimestamp = "2026-01-01T00:00:10Z";
  expect(isRenewal(KEY, before, JSON.stringify(withDeletion))).toBe(false);
});

test("leases outside kube-node-lease and values that are not JSON are never renewals", () => {
  expect(isRenewal("/registry/coordination.k8s.io/leases/kube-system/kube-scheduler", lease("t1"), lease("t2"))).toBe(false);
  expect(isRenewal(KEY, "not json", lease("t2"))).toBe(false);
});

test("prefixes that can hold node leases overlap the volatile prefix", () => {
  expect(overlapsVolatile("/registry/")).toBe(true);
  expect(overlapsVolatile("/registry/coordination.k8s.io/leases/")).toBe(true);
  expect(overlapsVolatile(KEY)).toBe(true);
  expect(overlapsVolatile("/registry/coordination.k8s.io/leases/kube-system/")).toBe(false);
  expect(overlapsVolatile("/registry/core/pods/")).toBe(false);
});
