import { expect, test } from "bun:test";
import { Client } from "../shared/client/index.ts";
import { apiObjects } from "./api-objects.ts";

test("ConfigMaps and Secrets are read from the API; NotFound is undefined, other failures throw", async () => {
  const paths: string[] = [];
  const client = new Client({
    baseUrl: "http://api",
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      paths.push(path);
      if (path.endsWith("/configmaps/cfg")) return Response.json({ kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });
      if (path.endsWith("/secrets/forbidden")) return Response.json({ kind: "Status", code: 403, reason: "Forbidden", message: "no" }, { status: 403 });
      return Response.json({ kind: "Status", code: 404, reason: "NotFound", message: "not found" }, { status: 404 });
    },
  });
  const objects = apiObjects(client);
  expect((await objects.configMap("ns", "cfg"))?.data).toEqual({ a: "1" });
  expect(await objects.secret("ns", "gone")).toBeUndefined();
  await expect(objects.secret("ns", "forbidden")).rejects.toThrow("no");
  expect(paths).toEqual(["/api/v1/namespaces/ns/configmaps/cfg", "/api/v1/namespaces/ns/secrets/gone", "/api/v1/namespaces/ns/secrets/forbidden"]);
});
