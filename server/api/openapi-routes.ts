// /openapi/v3 (index + one document per group-version), cached until the registry changes.
// /openapi/v2 is not served: kubectl uses it only for `kind: List` client-side validation.
import type { Hono } from "hono";
import type { ApiContext } from "./context.ts";
import { openApiV3Document, openApiV3Index } from "./openapi/index.ts";
import { json } from "./respond.ts";

export function openApiRoutes(app: Hono<any>, ctx: ApiContext) {
  let generation = -1;
  let index = "";
  const docs = new Map<string, string>();
  const refresh = () => {
    if (generation === ctx.registry.generation) return;
    generation = ctx.registry.generation;
    docs.clear();
    index = JSON.stringify(openApiV3Index(ctx.registry.all()));
  };
  const send = (text: string) => new Response(text, { headers: { "content-type": "application/json" } });

  app.get("/openapi/v3", () => {
    refresh();
    return send(index);
  });
  app.get("/openapi/v3/*", (c) => {
    refresh();
    const gv = c.req.path.slice("/openapi/v3/".length);
    let text = docs.get(gv);
    if (text === undefined) {
      const doc = openApiV3Document(gv, ctx.registry.all());
      if (!doc) return c.notFound();
      text = JSON.stringify(doc);
      docs.set(gv, text);
    }
    return send(text);
  });
  app.get("/openapi/v2", () => json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the OpenAPI v2 document is not served; use /openapi/v3", reason: "NotFound", code: 404 }, 404));
}
