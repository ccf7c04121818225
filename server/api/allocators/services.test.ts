// Service addresses through the HTTP API in process: what kubectl sees on create, update and
// delete, concurrent creates, dry runs and a restart of the allocator.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createLogger } from "../../../shared/log.ts";
import { testApi } from "../testing.ts";
import { startServiceAddresses, type ServiceAddresses } from "./index.ts";

let api: Awaited<ReturnType<typeof testApi>>;
let addresses: ServiceAddresses;
const start = (random?: () => number) => startServiceAddresses(api.ctx, { serviceCidr: "10.43.0.0/16", clusterDns: "10.43.0.10", log: createLogger("error"), random });

beforeEach(async () => {
  api = await testApi();
  addresses = await start();
});
afterEach(() => {
  addresses.stop();
  api.close();
});

const SERVICES = "/api/v1/namespaces/default/services";
const inRange = (ip: string) => /^10\.43\.\d{1,3}\.\d{1,3}$/.test(ip);

/** The body of `kubectl create service <type> <name> --tcp=80:8080`. */
const created = (name: string, type = "ClusterIP", extra: Record<string, unknown> = {}) => ({
  kind: "Service",
  apiVersion: "v1",
  metadata: { name, labels: { app: name } },
  spec: { ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080, ...extra }], selector: { app: name }, type },
  status: { loadBalancer: {} },
});

describe("Service addresses in the API", () => {
  test("kubectl create service nodeport gets a cluster IP in range and a node port in its answer", async () => {
    const r = await api.call("POST", `${SERVICES}?fieldManager=kubectl-create&fieldValidation=Strict`, created("web", "NodePort"));
    expect(r.status).toBe(201);
    expect(inRange(r.json.spec.clusterIP)).toBe(true);
    expect(r.json.spec.clusterIPs).toEqual([r.json.spec.clusterIP]);
    expect(r.json.spec.clusterIP).not.toBe("10.43.0.1");
    expect(r.json.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(r.json.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    const read = await api.call("GET", `${SERVICES}/web`);
    expect(read.json.spec.clusterIP).toBe(r.json.spec.clusterIP);
  });

  test("50 concurrent creates get 50 distinct addresses and node ports", async () => {
    // Every pick starts at the same place, so only the holds keep the writes apart.
    addresses.stop();
    addresses = await start(() => 0);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => api.call("POST", SERVICES, created(`svc-${i}`, "NodePort"))));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const ips = answers.map((a) => a.json.spec.clusterIP as string);
    expect(ips.every(inRange)).toBe(true);
    expect(new Set(ips).size).toBe(50);
    expect(new Set(answers.map((a) => a.json.spec.ports[0].nodePort)).size).toBe(50);
  });

  test("a requested address or node port in use is refused with upstream's 422", async () => {
    expect((await api.call("POST", SERVICES, { ...created("a", "NodePort", { nodePort: 30080 }), spec: { ...created("a", "NodePort", { nodePort: 30080 }).spec, clusterIP: "10.43.0.5" } })).status).toBe(201);
    const ip = await api.call("POST", SERVICES, { ...created("b"), spec: { ...created("b").spec, clusterIP: "10.43.0.5" } });
    expect(ip.status).toBe(422);
    expect(ip.json.message).toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5: provided IP is already allocated');
    expect(ip.json.details.causes).toEqual([{ reason: "FieldValueInvalid", field: "spec.clusterIPs", message: 'Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5: provided IP is already allocated' }]);
    const port = await api.call("POST", SERVICES, created("c", "NodePort", { nodePort: 30080 }));
    expect(port.status).toBe(422);
    expect(port.json.message).toBe('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  test("deleting a Service releases its address and node port for the next one", async () => {
    const spec = { ...created("a", "NodePort", { nodePort: 30080 }).spec, clusterIP: "10.43.0.5" };
    expect((await api.call("POST", SERVICES, { ...created("a"), spec })).status).toBe(201);
    expect((await api.call("POST", SERVICES, { ...created("b"), spec })).status).toBe(422);
    expect((await api.call("DELETE", `${SERVICES}/a`)).status).toBe(200);
    const b = await api.call("POST", SERVICES, { ...created("b"), spec });
    expect(b.status).toBe(201);
    expect(b.json.spec.clusterIP).toBe("10.43.0.5");
    expect(b.json.spec.ports[0].nodePort).toBe(30080);
  });

  test("a type change to ClusterIP frees the node ports and one back to NodePort allocates new ones", async () => {
    const first = await api.call("POST", SERVICES, created("web", "NodePort", { nodePort: 30090 }));
    const ip = first.json.spec.clusterIP;
    const merge = { "content-type": "application/merge-patch+json" };
    const toClusterIP = await api.call("PATCH", `${SERVICES}/web`, { spec: { type: "ClusterIP" } }, merge);
    expect(toClusterIP.status).toBe(200);
    expect(toClusterIP.json.spec.ports[0].nodePort).toBeUndefined();
    expect(toClusterIP.json.spec.externalTrafficPolicy).toBeUndefined();
    expect(toClusterIP.json.spec.clusterIP).toBe(ip);
    expect((await api.call("POST", SERVICES, created("other", "NodePort", { nodePort: 30090 }))).status).toBe(201);
    const back = await api.call("PATCH", `${SERVICES}/web`, { spec: { type: "NodePort" } }, merge);
    expect(back.status).toBe(200);
    expect(back.json.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(back.json.spec.ports[0].nodePort).not.toBe(30090);
    expect(back.json.spec.clusterIP).toBe(ip);
  });

  test("replacing a Service with its original manifest keeps the allocated values", async () => {
    const first = await api.call("POST", SERVICES, created("web", "NodePort"));
    const replaced = await api.call("PUT", `${SERVICES}/web`, created("web", "NodePort"));
    expect(replaced.status).toBe(200);
    expect(replaced.json.spec.clusterIP).toBe(first.json.spec.clusterIP);
    expect(replaced.json.spec.ports[0].nodePort).toBe(first.json.spec.ports[0].nodePort);
  });

  test("ExternalName and headless Services get no address; a change to ExternalName drops it", async () => {
    const ext = await api.call("POST", SERVICES, { apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { type: "ExternalName", externalName: "example.com" } });
    expect(ext.status).toBe(201);
    expect(ext.json.spec.clusterIP).toBeUndefined();
    const headless = await api.call("POST", SERVICES, { ...created("h"), spec: { ...created("h").spec, clusterIP: "None" } });
    expect(headless.json.spec.clusterIP).toBe("None");
    await api.call("POST", SERVICES, created("web"));
    const changed = await api.call("PATCH", `${SERVICES}/web`, { spec: { type: "ExternalName", externalName: "example.com" } }, { "content-type": "application/merge-patch+json" });
    expect(changed.status).toBe(200);
    expect(changed.json.spec.clusterIP).toBeUndefined();
  });

  test("a dry run shows an address but holds nothing", async () => {
    const dry = await api.call("POST", `${SERVICES}?dryRun=All`, created("web", "NodePort", { nodePort: 30100 }));
    expect(dry.status).toBe(201);
    expect(inRange(dry.json.spec.clusterIP)).toBe(true);
    expect((await api.call("POST", SERVICES, created("real", "NodePort", { nodePort: 30100 }))).status).toBe(201);
  });

  test("after a restart of the allocator, stored Services keep their addresses", async () => {
    const a = await api.call("POST", SERVICES, created("a", "NodePort"));
    addresses.stop();
    addresses = await start();
    const clash = await api.call("POST", SERVICES, { ...created("b", "NodePort", { nodePort: a.json.spec.ports[0].nodePort }), spec: { ...created("b", "NodePort", { nodePort: a.json.spec.ports[0].nodePort }).spec, clusterIP: a.json.spec.clusterIP } });
    expect(clash.status).toBe(422);
    expect(clash.json.message).toContain("provided IP is already allocated");
  });
});
