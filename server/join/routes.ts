// The bootstrap endpoints a node uses before it has an API identity, served beside the API:
//   GET  /cacerts                     the server CA PEM, public (nodes pin it by hash)
//   POST /v1-kubun/node-credential    join secret → node client certificate
import { Hono } from "hono";
import type { Secret } from "kubernetes-types/core/v1";
import { errors, StatusError } from "../../shared/api/errors.ts";
import type { CertificateAuthority } from "../../shared/pki/ca.ts";
import type { ApiContext } from "../api/context.ts";
import { errorResponse, json } from "../api/respond.ts";
import { authenticateJoin } from "./join-auth.ts";
import { issueNodeCredential, NODE_CREDENTIAL_PATH, readNodeCredentialRequest } from "./node-credential.ts";
import { FailureLimiter } from "./rate-limit.ts";
import { joinStore, type JoinStore } from "./store.ts";

export const CACERTS_PATH = "/cacerts";
const MAX_BODY = 64 * 1024;

export interface JoinOptions {
  readonly ctx: ApiContext;
  readonly serverCaPem: string;
  readonly clientCa: CertificateAuthority;
  /** The secret of the server's own join token. */
  readonly tokenSecret: string;
  readonly limiter?: FailureLimiter;
  readonly store?: JoinStore;
}

/** Env passed by the transport: the client's address, for rate limiting. */
export type JoinEnv = { Bindings: { ip?: string } };

/** True for the paths the join app answers; everything else belongs to the API app. */
export function isJoinPath(pathname: string): boolean {
  return pathname === CACERTS_PATH || pathname === NODE_CREDENTIAL_PATH;
}

export function createJoinApp(opts: JoinOptions) {
  const { ctx } = opts;
  const store = opts.store ?? joinStore(ctx);
  const limiter = opts.limiter ?? new FailureLimiter();
  const app = new Hono<JoinEnv>();
  app.onError((e) => errorResponse(e, ctx.log));
  app.notFound(() => errorResponse(new StatusError(404, "NotFound", "the server could not find the requested resource"), ctx.log));

  app.get(CACERTS_PATH, () => new Response(opts.serverCaPem, { headers: { "content-type": "application/x-pem-file" } }));

  app.post(NODE_CREDENTIAL_PATH, async (c) => {
    const who = c.env?.ip ?? "unknown";
    const wait = limiter.retryAfter(who);
    if (wait > 0) throw errors.tooManyRequests("too many failed join attempts from this address; try again later", wait);
    try {
      const auth = await authenticateJoin(c.req.raw, {
        tokenSecret: opts.tokenSecret,
        serverCaPem: opts.serverCaPem,
        getSecret: (name) => store.getSecret(name) as Promise<Secret | undefined>,
        now: ctx.now,
      });
      const body = await readJson(c.req.raw);
      const req = readNodeCredentialRequest(body);
      const res = await issueNodeCredential(req, { clientCa: opts.clientCa, serverCaPem: opts.serverCaPem, store, now: ctx.now() });
      ctx.log("node credential issued", { node: req.nodeName, token: auth.kind === "bootstrap" ? auth.id : "server" });
      return json(res);
    } catch (e) {
      if (e instanceof StatusError && (e.code === 401 || e.code === 403)) {
        limiter.failed(who);
        ctx.log("node credential refused", { reason: e.reason, address: who });
      }
      throw e;
    }
  });
  return app;
}

async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) throw errors.unsupportedMediaType(type || "none", ["application/json"]);
  const text = await req.text();
  if (text.length > MAX_BODY) throw errors.tooLarge(`Request entity too large: limit is ${MAX_BODY}`);
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badRequest("node credential request body is not valid JSON");
  }
}
