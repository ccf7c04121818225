// /openapi/v3 (index + one document per group-version) and /openapi/v2 (one Swagger document, as
// JSON or as gnostic protobuf, which is the only form kubectl asks for), cached until the
// registry changes.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import type { ApiContext } from "./context.ts";
import { openApiV2Document, openApiV2Protobuf, openApiV3Document, openApiV3Index, V2_PROTOBUF, v2Format, type SwaggerDocument } from "./openapi/index.ts";
import { StatusError } from "../../shared/api/errors.ts";

interface Variant {
  body: Uint8Array;
  type: string;
  etag: string;
  gzip?: Uint8Array;
}

export function openApiRoutes(app: Hono<any>, ctx: ApiContext) {
  let generation = -1;
  let index = "";
  const docs = new Map<string, string>();
  let v2: { doc?: SwaggerDocument; protobuf?: Variant; json?: Variant } = {};
  const refresh = () => {
    if (generation === ctx.registry.generation) return;
    generation = ctx.registry.generation;
    docs.clear();
    v2 = {};
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

  const variant = (format: "protobuf" | "json"): Variant => {
    const cached = v2[format];
    if (cached) return cached;
    const doc = (v2.doc ??= openApiV2Document(ctx.registry.all()));
    const body = format === "protobuf" ? openApiV2Protobuf(doc) : new TextEncoder().encode(JSON.stringify(doc));
    const hash = createHash("sha512").update(body).digest("hex").toUpperCase();
    const made: Variant = { body, type: format === "protobuf" ? V2_PROTOBUF : "application/json", etag: `"${hash}"` };
    v2[format] = made;
    return made;
  };
  app.get("/openapi/v2", (c) => {
    refresh();
    const format = v2Format(c.req.header("accept"));
    if (!format) throw new StatusError(406, "NotAcceptable", `/openapi/v2 is served as application/json or ${V2_PROTOBUF}`);
    const v = variant(format);
    const headers: Record<string, string> = { "content-type": v.type, etag: v.etag, "cache-control": "no-cache, private", vary: "Accept, Accept-Encoding" };
    const match = c.req.header("if-none-match");
    if (match && match.split(",").some((t) => t.trim().replace(/^W\//, "") === v.etag)) return new Response(null, { status: 304, headers });
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      v.gzip ??= Bun.gzipSync(v.body as Uint8Array<ArrayBuffer>);
      return new Response(v.gzip, { headers: { ...headers, "content-encoding": "gzip" } });
    }
    return new Response(v.body, { headers });
  });
}
