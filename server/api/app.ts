// The HTTP surface: health, version, discovery, OpenAPI, and the generic resource handler.
// Authentication runs first for every path; errors become Status responses in one place.
import { Hono } from "hono";
import { KUBE_VERSION } from "../../shared/version.ts";
import type { Authenticator } from "./auth.ts";
import { authorize } from "./authz.ts";
import type { ApiContext, RequestInfo, User } from "./context.ts";
import { AGGREGATED_CT, aggregatedDiscovery, legacyApiVersions, legacyGroup, legacyGroupList, resourceList, wantsAggregated } from "./discovery.ts";
import { handleResource } from "./handlers/resource.ts";
import { openApiRoutes } from "./openapi-routes.ts";
import { parseResourcePath } from "./request/route.ts";
import { errorResponse, json } from "./respond.ts";
import { StatusError } from "../../shared/api/errors.ts";

type Env = { Variables: { info: RequestInfo } };

export interface AppOptions {
  ctx: ApiContext;
  auth: Authenticator;
  /** Identity from a verified client certificate, if the transport has one. */
  peerUser?(req: Request): User | undefined;
  ready(): boolean;
}

export function createApp({ ctx, auth, peerUser, ready }: AppOptions) {
  const app = new Hono<Env>();
  app.onError((e) => errorResponse(e, ctx.log));
  app.notFound(() => errorResponse(new StatusError(404, "NotFound", "the server could not find the requested resource"), ctx.log));

  app.use("*", async (c, next) => {
    const user = await auth.authenticate(c.req.raw, peerUser?.(c.req.raw));
    const info: RequestInfo = { ctx, req: c.req.raw, url: new URL(c.req.url), user, headers: new Headers() };
    c.set("info", info);
    await authorize(info); // server/api/authz.ts: system:nodes limited to their own objects
    await next();
  });

  const version = {
    ...KUBE_VERSION,
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "2026-11-22T00:00:00Z",
    goVersion: "go1.24",
    compiler: "gc",
    platform: `linux/${process.arch === "x64" ? "amd64" : process.arch}`,
  };
  app.get("/version", () => json(version));
  for (const p of ["/healthz", "/livez", "/readyz"]) {
    app.get(p, () => (ready() || p !== "/readyz" ? new Response("ok", { headers: { "content-type": "text/plain" } }) : new Response("not ready", { status: 503 })));
  }

  app.get("/api", (c) => {
    const v = wantsAggregated(c.req.header("accept") ?? null);
    return v ? json(aggregatedDiscovery(ctx.registry, true, v), 200, undefined, AGGREGATED_CT.replace("v=v2", `v=${v}`)) : json(legacyApiVersions(ctx.advertise));
  });
  app.get("/apis", (c) => {
    const v = wantsAggregated(c.req.header("accept") ?? null);
    return v ? json(aggregatedDiscovery(ctx.registry, false, v), 200, undefined, AGGREGATED_CT.replace("v=v2", `v=${v}`)) : json(legacyGroupList(ctx.registry));
  });
  app.get("/api/:version{v[0-9a-z]+}", (c) => {
    const list = resourceList(ctx.registry, "", c.req.param("version"));
    return list ? json(list) : c.notFound();
  });
  app.get("/apis/:group", (c) => {
    const g = legacyGroup(ctx.registry, c.req.param("group"));
    return g ? json(g) : c.notFound();
  });
  app.get("/apis/:group/:version", (c) => {
    const list = resourceList(ctx.registry, c.req.param("group"), c.req.param("version"));
    return list ? json(list) : c.notFound();
  });
  openApiRoutes(app, ctx);

  app.all("/api/*", (c) => resource(c.get("info")));
  app.all("/apis/*", (c) => resource(c.get("info")));
  return app;
}

async function resource(info: RequestInfo): Promise<Response> {
  const route = parseResourcePath(info.url.pathname);
  if (!route) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
  return handleResource(info, route);
}
