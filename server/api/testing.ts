// An in-process API server on the in-memory store, for unit tests of the HTTP surface.
import { createLogger } from "../../shared/log.ts";
import { openMemoryBackend } from "../store/index.ts";
import { createApp } from "./app.ts";
import { TokenAuthenticator } from "./auth.ts";
import type { ApiContext } from "./context.ts";
import { Registry } from "./registry/registry.ts";
import { ObjectStore } from "./storage/objects.ts";
import { strategies } from "./strategy/index.ts";
import { bootstrapObjects } from "../bootstrap.ts";
import { startCrdSync } from "../crd-sync.ts";

export const TEST_TOKEN = "test-token";

export async function testApi(now: () => Date = () => new Date()) {
  const backend = openMemoryBackend();
  const ctx: ApiContext = {
    registry: new Registry(strategies),
    store: new ObjectStore(backend),
    now,
    advertise: "127.0.0.1:6443",
    log: createLogger("error"),
  };
  const auth = new TokenAuthenticator();
  auth.add(TEST_TOKEN, { name: "admin", groups: ["system:masters"] });
  await bootstrapObjects(ctx);
  const crds = await startCrdSync(ctx);
  const app = createApp({ ctx, auth, ready: () => true });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await app.fetch(new Request(`https://kubun.test${path}`, init));
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return { ctx, backend, app, call, close: () => crds.stop() };
}
