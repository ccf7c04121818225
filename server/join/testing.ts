// An in-process server with the join endpoints and node assertions, for tests of the join
// flow: `fetch` routes requests like the real transport does and records their TLS settings.
import { createCa } from "../../shared/pki/ca.ts";
import { formatJoinToken } from "../../shared/pki/join-token.ts";
import { createApp } from "../api/app.ts";
import { AuthenticatorChain, TokenAuthenticator } from "../api/auth.ts";
import { testApi, TEST_TOKEN } from "../api/testing.ts";
import { NodeAssertionAuthenticator } from "./node-assertions.ts";
import { FailureLimiter } from "./rate-limit.ts";
import { createJoinApp, isJoinPath } from "./routes.ts";

export const TEST_JOIN_SECRET = "0123456789abcdef0123456789abcdef";
export const TEST_SERVER = "https://kubun.test:6443";

export async function testJoinServer(opts: { now?: () => Date; limiter?: FailureLimiter } = {}) {
  const api = await testApi(opts.now);
  const serverCa = await createCa({ commonName: "kubun-server-ca" });
  const clientCa = await createCa({ commonName: "kubun-client-ca" });
  const tokens = new TokenAuthenticator();
  tokens.add(TEST_TOKEN, { name: "admin", groups: ["system:masters"] });
  const nodes = new NodeAssertionAuthenticator({ clientCa: clientCa.cert, now: api.ctx.now });
  const app = createApp({ ctx: api.ctx, auth: new AuthenticatorChain([tokens, nodes]), ready: () => true });
  const join = createJoinApp({ ctx: api.ctx, serverCaPem: serverCa.certPem, clientCa, tokenSecret: TEST_JOIN_SECRET, limiter: opts.limiter });
  const requests: { method: string; path: string; tls: { ca?: string; rejectUnauthorized?: boolean } }[] = [];
  const fetch = async (req: Request, tls: { ca?: string; rejectUnauthorized?: boolean } = {}): Promise<Response> => {
    const path = new URL(req.url).pathname;
    requests.push({ method: req.method, path, tls });
    return isJoinPath(path) ? join.fetch(req, { ip: "192.0.2.1" }) : app.fetch(req);
  };
  /** Admin call on the API, as testApi's call. */
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(
      new Request(`${TEST_SERVER}${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    ctx: api.ctx,
    serverCa,
    clientCa,
    joinToken: formatJoinToken(serverCa.certPem, TEST_JOIN_SECRET),
    fetch,
    admin,
    requests,
    close: api.close,
  };
}
