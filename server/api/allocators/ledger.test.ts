import { describe, expect, test } from "bun:test";
import { createLogger } from "../../../shared/log.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { openMemoryBackend } from "../../store/index.ts";
import { ServiceLedger, type StoredService } from "./ledger.ts";
import { IP_BAND, Pool, PORT_BAND } from "./pool.ts";
import { addressRange, portRange, type IpFamily } from "./range.ts";
import { syncLedger } from "./sync.ts";

const PREFIX = "/registry/core/services/";

function newLedger() {
  const range = addressRange("10.43.0.0/16");
  return new ServiceLedger(new Map<IpFamily, Pool>([["IPv4", new Pool(range, { band: IP_BAND })]]), new Pool(portRange({ min: 30000, max: 32767 }), { band: PORT_BAND }));
}

const service = (name: string, uid: string, clusterIP: string, nodePort?: number): StoredService => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default", uid, resourceVersion: "" },
  spec: { type: nodePort ? "NodePort" : "ClusterIP", clusterIP, clusterIPs: [clusterIP], ports: [{ port: 80, nodePort }] },
});

const ipPool = (l: ServiceLedger) => l.ipPools.get("IPv4")!;

describe("the service ledger", () => {
  test("news older than what is recorded for a Service is ignored", () => {
    const l = newLedger();
    l.record("default/web", service("web", "u1", "10.43.0.5"), 5);
    l.record("default/web", service("web", "u1", "10.43.0.6"), 3);
    expect(l.holdings("default/web")).toEqual({ ips: ["10.43.0.5"], ports: [] });
    expect(ipPool(l).takenBy("10.43.0.6", "other")).toBeUndefined();
  });

  test("a deleted Service frees its addresses, and a late event about its creation does not bring them back", () => {
    const l = newLedger();
    l.record("default/web", service("web", "u1", "10.43.0.5", 30080), 2);
    l.record("default/web", undefined, 4);
    l.record("default/web", service("web", "u1", "10.43.0.5", 30080), 2);
    expect(ipPool(l).takenBy("10.43.0.5", "other")).toBeUndefined();
    expect(l.nodePorts.takenBy("30080", "other")).toBeUndefined();
    l.caughtUp(4);
    l.record("default/web", service("web", "u2", "10.43.0.7"), 6);
    expect(ipPool(l).takenBy("10.43.0.7", "other")).toBe("u2");
  });

  test("an update that drops a node port frees it and keeps the rest", () => {
    const l = newLedger();
    l.record("default/web", service("web", "u1", "10.43.0.5", 30080), 2);
    l.record("default/web", service("web", "u1", "10.43.0.5"), 3);
    expect(l.nodePorts.takenBy("30080", "other")).toBeUndefined();
    expect(ipPool(l).takenBy("10.43.0.5", "other")).toBe("u1");
  });

  test("a restart rebuilds the allocations from the stored Services, and the watch keeps them current", async () => {
    const backend = openMemoryBackend();
    const put = (s: StoredService) => backend.create(`${PREFIX}default/${s.metadata.name}`, JSON.stringify(s));
    for (let i = 0; i < 3; i++) await put(service(`s${i}`, `u${i}`, `10.43.0.${10 + i}`, 30000 + i));
    const first = newLedger();
    const w1 = await syncLedger(backend, PREFIX, first, createLogger("error"));
    w1.cancel();
    const restarted = newLedger();
    const w2 = await syncLedger(backend, PREFIX, restarted, createLogger("error"));
    for (const l of [first, restarted]) {
      expect(ipPool(l).takenBy("10.43.0.11", "new")).toBe("u1");
      expect(l.nodePorts.takenBy("30002", "new")).toBe("u2");
    }
    await backend.delete(`${PREFIX}default/s1`);
    await put(service("s9", "u9", "10.43.0.99"));
    await waitUntil("the watch to release s1 and record s9", () => ipPool(restarted).takenBy("10.43.0.11", "new") === undefined && ipPool(restarted).takenBy("10.43.0.99", "new") === "u9");
    w2.cancel();
    await backend.close();
  });
});
