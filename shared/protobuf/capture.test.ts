// Real bodies: testdata/*.bin were recorded from kubectl 1.33 (protobuf), testdata/*.json from kubectl 1.31
// (JSON) for the same command; testdata/captures.json lists the commands. See testdata/README.md.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeKubernetesProtobuf } from "./index.ts";

const dir = join(import.meta.dir, "testdata");
const captures: Record<string, { command: string; request: string; json: string }> = JSON.parse(
  readFileSync(join(dir, "captures.json"), "utf8"),
);

/** Go writes null for nil pointers, nil slices and zero Times without omitempty; protobuf cannot carry them. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)]),
  );
}

describe("captured kubectl 1.33 protobuf bodies", () => {
  test("cover every kind kubectl create and the typed-client commands send", () => {
    expect(Object.keys(captures).length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, { command }] of Object.entries(captures)) {
    test(`${name}: \`${command}\` decodes to the JSON kubectl 1.31 sends`, () => {
      const body = new Uint8Array(readFileSync(join(dir, `${name}.bin`)));
      const expected = withoutNulls(JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")));
      const decoded = decodeKubernetesProtobuf(body);
      expect(decoded.object).toStrictEqual(expected as Record<string, unknown>);
      expect(decoded.object.apiVersion).toBe(decoded.apiVersion);
      expect(decoded.object.kind).toBe(decoded.kind);
    });
  }
});
