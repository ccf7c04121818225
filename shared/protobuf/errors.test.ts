// Malformed bodies answer 400, kinds without a table answer 415; nothing else is ever thrown.
import { describe, expect, test } from "bun:test";
import { StatusError } from "../api/errors.ts";
import { decodeKubernetesProtobuf } from "./index.ts";
import { encode, envelope, type WireFields } from "./wire-builder.ts";

function statusOf(body: Uint8Array): StatusError {
  try {
    decodeKubernetesProtobuf(body);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw new Error(`expected a StatusError, got ${String(e)}`);
  }
  throw new Error("expected decoding to fail");
}

const configMap = (raw: WireFields | Uint8Array) => envelope("v1", "ConfigMap", raw);

describe("decoding errors", () => {
  test("a body without the k8s\\0 magic is a 400", () => {
    const err = statusOf(new TextEncoder().encode('{"kind":"ConfigMap"}'));
    expect(err.code).toBe(400);
    expect(err.reason).toBe("BadRequest");
    expect(err.message).toContain("magic");
  });

  test("an empty body is a 400", () => {
    expect(statusOf(new Uint8Array(0)).code).toBe(400);
  });

  test("a truncated varint is a 400", () => {
    const body = configMap([[1, [[7, 300]]]]);
    const raw = envelope("v1", "ConfigMap", new Uint8Array([0x0a, 0x02, 0x38, 0xff]));
    expect(statusOf(raw).code).toBe(400);
    expect(statusOf(body.subarray(0, body.length - 1)).code).toBe(400);
  });

  test("a length running past the end is a 400", () => {
    expect(statusOf(configMap(new Uint8Array([0x0a, 0x7f, 0x0a]))).code).toBe(400);
  });

  test("a wrong wire type names the field and is a 400", () => {
    const err = statusOf(configMap([[1, [[1, 5]]]]));
    expect(err.code).toBe(400);
    expect(err.message).toContain("meta.ObjectMeta.name (field 1)");
  });

  test("an IntOrString with an impossible type is a 400", () => {
    const raw: WireFields = [[2, [[1, [[3, 80], [4, [[1, 7], [2, 1]]]]]]]];
    expect(statusOf(envelope("v1", "Service", raw)).code).toBe(400);
  });

  test("a time outside years 0001-9999 is a 400", () => {
    expect(statusOf(configMap([[1, [[8, [[1, 999_999_999_999]]]]]])).code).toBe(400);
  });

  test("an invalid quantity is a 400", () => {
    const raw: WireFields = [[2, [[1, [[1, "cpu"], [2, [[1, "lots"]]]]]]]];
    expect(statusOf(envelope("v1", "ResourceQuota", raw)).code).toBe(400);
  });

  test("an envelope without a kind is a 400", () => {
    const body = envelope("v1", "", []);
    expect(statusOf(body).code).toBe(400);
  });

  test("a kind without a table is a 415 that names the kind", () => {
    const err = statusOf(envelope("example.com/v1", "Widget", []));
    expect(err.code).toBe(415);
    expect(err.reason).toBe("UnsupportedMediaType");
    expect(err.message).toContain("example.com/v1, Kind=Widget");
  });

  test("a gzip content encoding in the envelope is a 415", () => {
    const unknown = encode([
      [1, [[1, "v1"], [2, "ConfigMap"]]],
      [2, new Uint8Array(0)],
      [3, "gzip"],
    ]);
    const body = new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...unknown]);
    expect(statusOf(body).code).toBe(415);
  });

  test("groups nested past the recursion limit are a 400, not a stack overflow", () => {
    const deep = new Uint8Array(4000).fill(0x0b); // field 1, wire type 3 (start group), over and over
    expect(statusOf(configMap(deep)).code).toBe(400);
  });
});
