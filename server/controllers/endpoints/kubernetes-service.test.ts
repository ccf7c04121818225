import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Client } from "../../../shared/client/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger } from "../../../shared/log.ts";
import { startServiceAddresses, type ServiceAddresses } from "../../api/allocators/index.ts";
import { TEST_TOKEN, testApi } from "../../api/testing.ts";
import { splitHostPort, startKubernetesService } from "./kubernetes-service.ts";
import { ENDPOINT_SLICES, ENDPOINTS, SERVICES } from "./resources.ts";

let api: Awaited<ReturnType<typeof testApi>>;
let addresses: ServiceAddresses;
let keeper: { stop(): Promise<void> };
let client: Client;

beforeEach(async () => {
  api = await testApi();
  addresses = await startServiceAddresses(api.ctx, { serviceCidr: "10.43.0.0/16", log: createLogger("error") });
  client = new Client({ baseUrl: "http://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  keeper = await startKubernetesService({ client, clusterIp: addresses.kubernetesIp, advertise: "192.0.2.7:6443", log: createLogger("error"), queue: { baseDelayMs: 1, maxDelayMs: 100 } });
});
afterEach(async () => {
  await keeper.stop();
  addresses.stop();
  api.close();
});

const get = (r: typeof SERVICES, name = "kubernetes") => client.get<any>(r, name, { namespace: "default" });

describe("the kubernetes Service", () => {
  test("exists before anything else, at the first address, with 443 to the API port", async () => {
    const svc = await get(SERVICES);
    expect(svc.spec.clusterIP).toBe("10.43.0.1");
    expect(svc.spec.ports).toEqual([{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }]);
    expect(svc.spec.selector).toBeUndefined();
    expect(svc.metadata.labels).toEqual({ component: "apiserver", provider: "kubernetes" });
  });

  test("its Endpoints and EndpointSlice point at the advertised address", async () => {
    expect((await get(ENDPOINTS)).subsets).toEqual([{ addresses: [{ ip: "192.0.2.7" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
    const slice = await get(ENDPOINT_SLICES);
    expect(slice.metadata.labels).toEqual({ "kubernetes.io/service-name": "kubernetes" });
    expect(slice.endpoints).toEqual([{ addresses: ["192.0.2.7"], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: "https", port: 6443, protocol: "TCP" }]);
  });

  test("is created again, at the same address, after someone deletes it", async () => {
    const before = await get(SERVICES);
    await client.delete(SERVICES, "kubernetes", { namespace: "default" });
    await client.delete(ENDPOINTS, "kubernetes", { namespace: "default" });
    const again = await waitUntil("the kubernetes Service to return", async () => {
      const s = await get(SERVICES).catch(() => undefined);
      return s && s.metadata.uid !== before.metadata.uid ? s : undefined;
    });
    expect(again.spec.clusterIP).toBe("10.43.0.1");
    await waitUntil("its Endpoints to return", () => get(ENDPOINTS).catch(() => undefined));
  });

  test("host:port splits IPv4 and bracketed IPv6 addresses", () => {
    expect(splitHostPort("127.0.0.1:6443")).toEqual({ host: "127.0.0.1", port: 6443 });
    expect(splitHostPort("[fd00::1]:6443")).toEqual({ host: "fd00::1", port: 6443 });
  });
});
