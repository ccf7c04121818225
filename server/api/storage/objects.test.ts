import { expect, test } from "bun:test";
import type { StoredObject } from "../../../shared/api/object.ts";
import { decodeKv, encodeObject, kvJson } from "./objects.ts";

const kv = (value: string, modRevision = 42) => ({ key: "/registry/configmaps/default/a", value, createRevision: 1, modRevision });

test("kvJson gives the decoded object's JSON, resourceVersion included, without parsing", () => {
  const objs: StoredObject[] = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default", labels: { x: "y" } }, data: { k: "\"quoted\" \\ value" } } as unknown as StoredObject,
    { apiVersion: "apps/v1", kind: "Deployment", metadata: {} } as unknown as StoredObject,
  ];
  for (const obj of objs) {
    const stored = kv(encodeObject(obj));
    expect(JSON.parse(kvJson(stored)!)).toEqual(decodeKv(stored));
  }
});

test("kvJson declines text that does not start as encodeObject writes it", () => {
  expect(kvJson(kv(`{"kind":"ConfigMap","apiVersion":"v1","metadata":{}}`))).toBeUndefined();
  expect(kvJson(kv(`{"apiVersion":"v\\"1","kind":"X","metadata":{}}`))).toBeUndefined();
});

test("encodeObject puts apiVersion, kind and metadata first, whatever order the object has", () => {
  const obj = { spec: { a: 1 }, kind: "Pod", metadata: { name: "p", resourceVersion: "7" }, apiVersion: "v1" } as unknown as StoredObject;
  const text = encodeObject(obj);
  expect(text).toBe(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"a":1}}`);
  expect(kvJson(kv(text, 9))).toBe(`{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"9","name":"p"},"spec":{"a":1}}`);
});
