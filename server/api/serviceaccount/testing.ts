// An in-process API with a service-account signing key: the test API plus TokenRequest, the
// ServiceAccount admission plugin and the token authenticator in the chain after the test token.
import { generateKeyPair, privateKeyToPem } from "../../../shared/pki/keys.ts";
import { createApp } from "../app.ts";
import { AuthenticatorChain, TokenAuthenticator } from "../auth.ts";
import { TEST_TOKEN, testApi } from "../testing.ts";
import { ServiceAccountAuthenticator } from "./authenticator.ts";
import { ServiceAccountTokens } from "./tokens.ts";

export async function serviceAccountApi(now: () => Date = () => new Date()) {
  const api = await testApi(now);
  const tokens = await ServiceAccountTokens.fromPem(await privateKeyToPem((await generateKeyPair()).privateKey), { now });
  api.ctx.serviceAccounts = tokens;
  const admin = new TokenAuthenticator();
  admin.add(TEST_TOKEN, { name: "admin", groups: ["system:masters"] });
  const app = createApp({ ctx: api.ctx, auth: new AuthenticatorChain([admin, new ServiceAccountAuthenticator(api.ctx, tokens)]), ready: () => true });
  /** A request as the bearer of `token`. */
  const as = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await app.fetch(
      new Request(`https://kubun.test${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return { ...api, app, tokens, as, call: (method: string, path: string, body?: unknown) => as(TEST_TOKEN, method, path, body) };
}
