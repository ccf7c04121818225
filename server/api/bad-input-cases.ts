// Test helper for the bad-input tests: a table of requests that must be rejected with a given
// Status, each run against a fresh in-process API holding a ConfigMap "cm" and a Deployment "web"
// in "default", checking that nothing was stored.
import { expect, test } from "bun:test";
import { envelope } from "../../shared/protobuf/wire-builder.ts";
import { send, type RawRequest, type RawResponse } from "./fuzz-send.ts";
import { testApi } from "./testing.ts";

export type Api = Awaited<ReturnType<typeof testApi>>;

export interface BadCase {
  name: string;
  req: RawRequest | ((api: Api) => RawRequest);
  status: number;
  reason: string;
  /** Extra checks on the response (message, causes). */
  check?(res: RawResponse): void;
  /** More fixtures than the default ConfigMap and Deployment. */
  setup?(api: Api): Promise<void>;
}

export const CM_PATH = "/api/v1/namespaces/default/configmaps";
export const DEPLOY_PATH = "/apis/apps/v1/namespaces/default/deployments";
export const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { a: "1" } };
export const deployment = (name = "web") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
  },
});
export const json = (body: unknown) => JSON.stringify(body);

/** A fresh API with a ConfigMap "cm" and a Deployment "web" in "default"; `await using` closes it. */
export async function fixtures(): Promise<Api & AsyncDisposable> {
  const a = Object.assign(await testApi(), { [Symbol.asyncDispose]: async () => a.close() });
  for (const [path, body] of [[CM_PATH, cm], [DEPLOY_PATH, deployment()]] as const) {
    const r = await send(a.app, { method: "POST", path, headers: { "content-type": "application/json" }, body: json(body) });
    if (r.status !== 201) throw new Error(`fixture ${path}: ${r.status} ${r.text}`);
  }
  return a;
}

/** Runs each case as its own test: status, a Status body with the reason, and no store change. */
export function rejects(cases: BadCase[]) {
  for (const c of cases) {
    test(c.name, async () => {
      await using api = await fixtures();
      await c.setup?.(api);
      const before = api.backend.currentRevision();
      const req = typeof c.req === "function" ? c.req(api) : c.req;
      const res = await send(api.app, req);
      expect({ status: res.status, text: res.text }).toMatchObject({ status: c.status });
      expect(res.headers.get("content-type")).toStartWith("application/json");
      expect(res.json).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", reason: c.reason, code: c.status });
      c.check?.(res);
      expect(api.backend.currentRevision()).toBe(before);
    });
  }
}

export const post = (body: string | Uint8Array, contentType: string, path = CM_PATH): RawRequest => ({ method: "POST", path, headers: { "content-type": contentType }, body });
export const patch = (body: string, contentType: string, path = `${CM_PATH}/cm`): RawRequest => ({ method: "PATCH", path, headers: { "content-type": contentType }, body });
export const PB = "application/vnd.kubernetes.protobuf";
export const pbConfigMap = () => envelope("v1", "ConfigMap", [[1, [[1, "pb"]]], [2, [[1, "k"], [2, "v"]]]]);

const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
  },
};

/** Adds the Widget CRD (waiting until it is Established) and a Widget "w1" in "default". */
export const withWidgets = async (a: Api) => {
  const created = await send(a.app, { method: "POST", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", headers: { "content-type": "application/json" }, body: json(WIDGET_CRD) });
  expect(created.status).toBe(201);
  for (let i = 0; i < 200; i++) {
    const crd = await send(a.app, { method: "GET", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com" });
    if (crd.json?.status?.conditions?.some((c: { type: string }) => c.type === "Established")) break;
    await Bun.sleep(5);
  }
  const w = await send(a.app, { method: "POST", path: "/apis/example.com/v1/namespaces/default/widgets", headers: { "content-type": "application/json" }, body: json({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w1" }, spec: { size: 1 } }) });
  expect(w.status).toBe(201);
};
