import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testApi } from "../../testing.ts";
import { cronTabs } from "../testutil.ts";
import { v2Format } from "./accept.ts";

const ASKED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
const SERVED = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

describe("v2Format", () => {
  test("picks protobuf or JSON by preference, JSON when nothing is asked for", () => {
    expect(v2Format(ASKED)).toBe("protobuf");
    expect(v2Format(SERVED)).toBe("protobuf");
    expect(v2Format(undefined)).toBe("json");
    expect(v2Format("*/*")).toBe("json");
    expect(v2Format(`application/json;q=0.5, ${ASKED}`)).toBe("protobuf");
    expect(v2Format(`${ASKED};q=0.1, application/json`)).toBe("json");
    expect(v2Format("text/html")).toBeUndefined();
  });
});

describe("GET /openapi/v2", () => {
  let api: Awaited<ReturnType<typeof testApi>>;
  beforeAll(async () => {
    api = await testApi();
  });
  afterAll(() => api.close());

  test("serves protobuf with a parseable Content-Type and an ETag", async () => {
    const r = await api.call("GET", "/openapi/v2", undefined, { accept: ASKED });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(SERVED);
    expect(r.headers.get("etag")).toMatch(/^"[0-9A-F]{128}"$/);
  });

  test("answers 304 to a matching If-None-Match", async () => {
    const first = await api.call("GET", "/openapi/v2", undefined, { accept: ASKED });
    const again = await api.call("GET", "/openapi/v2", undefined, { accept: ASKED, "if-none-match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  test("serves JSON on request, with its own ETag", async () => {
    const pb = await api.call("GET", "/openapi/v2", undefined, { accept: ASKED });
    const r = await api.call("GET", "/openapi/v2", undefined, { accept: "application/json" });
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.json.swagger).toBe("2.0");
    expect(r.json.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch["x-kubernetes-action"]).toBe("patch");
    expect(r.headers.get("etag")).not.toBe(pb.headers.get("etag"));
  });

  test("gzips when the client accepts it", async () => {
    const get = (headers: Record<string, string>) =>
      api.app.fetch(new Request("https://kubun.test/openapi/v2", { headers: { authorization: "Bearer test-token", accept: ASKED, ...headers } }));
    const zipped = await get({ "accept-encoding": "gzip" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const plain = new Uint8Array(await (await get({})).arrayBuffer());
    expect(Bun.gunzipSync(new Uint8Array(await zipped.arrayBuffer()))).toEqual(plain);
  });

  test("answers 406 to an unsupported Accept", async () => {
    const r = await api.call("GET", "/openapi/v2", undefined, { accept: "text/html" });
    expect(r.status).toBe(406);
    expect(r.json.reason).toBe("NotAcceptable");
  });

  test("is rebuilt when the registry changes", async () => {
    const before = await api.call("GET", "/openapi/v2", undefined, { accept: "application/json" });
    api.ctx.registry.setCustom("crontabs.stable.example.com", [cronTabs]);
    const after = await api.call("GET", "/openapi/v2", undefined, { accept: "application/json" });
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(before.json.definitions["com.example.stable.v1.CronTab"]).toBeUndefined();
    expect(after.json.definitions["com.example.stable.v1.CronTab"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "stable.example.com", kind: "CronTab", version: "v1" }]);
  });
});
