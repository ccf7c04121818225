import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Client, type ApiResource } from "../../../shared/client/index.ts";
import { SharedInformers } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger } from "../../../shared/log.ts";
import { TEST_TOKEN, testApi } from "../../api/testing.ts";
import { CONFIGMAPS, NAMESPACES, ROOT_CA_NAME, startRootCaPublisher } from "./index.ts";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

let env: { client: Client; stop(): Promise<void> };
beforeEach(async () => {
  const api = await testApi();
  const client = new Client({ baseUrl: "http://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  const log = createLogger("error");
  const informers = new SharedInformers(client, { log });
  const publisher = startRootCaPublisher({ client, informers, log, caPem: CA, queue: { baseDelayMs: 1, maxDelayMs: 100 } });
  env = {
    client,
    async stop() {
      await publisher.stop();
      await informers.stop();
      api.close();
    },
  };
});
afterEach(() => env.stop());

const find = (ns: string) => env.client.get<{ data?: Record<string, string>; metadata: { uid: string; annotations?: Record<string, string> } }>(CONFIGMAPS, ROOT_CA_NAME, { namespace: ns }).catch(() => undefined);
const withCa = (ns: string) => async () => ((await find(ns))?.data?.["ca.crt"] === CA ? await find(ns) : undefined);

describe("the root CA publisher", () => {
  test("publishes kube-root-ca.crt with the CA bundle in every namespace, old and new", async () => {
    for (const ns of ["default", "kube-system", "kube-public"]) await waitUntil(`root CA in ${ns}`, withCa(ns));
    await env.client.create(NAMESPACES as ApiResource, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    const cm = await waitUntil("root CA in team", withCa("team"));
    expect(cm!.metadata.annotations?.["kubernetes.io/description"]).toContain("verify the kube-apiserver");
  });

  test("puts it back when deleted and restores its content when edited", async () => {
    const first = await waitUntil("root CA", withCa("default"));
    await env.client.delete(CONFIGMAPS, ROOT_CA_NAME, { namespace: "default" });
    await waitUntil("a new root CA", async () => {
      const cm = await withCa("default")();
      return cm && cm.metadata.uid !== first!.metadata.uid;
    });
    const cm = (await find("default"))!;
    await env.client.update(CONFIGMAPS, { ...cm, apiVersion: "v1", kind: "ConfigMap", data: { "ca.crt": "tampered" } } as never, { namespace: "default" });
    await waitUntil("the CA restored", withCa("default"));
  });
});
