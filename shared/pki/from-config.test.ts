import { describe, expect, test } from "bun:test";
import type { ServerConfig } from "../config/types.ts";
import { serverPkiOptions } from "./from-config.ts";

const config: ServerConfig = Object.freeze({
  configFile: undefined,
  logLevel: "info",
  dataDir: "/var/lib/kubun",
  token: "secret",
  httpsListenPort: 7443,
  bindAddress: "0.0.0.0",
  advertiseAddress: "192.168.1.10",
  tlsSan: ["k.example.com", "203.0.113.7"],
  writeKubeconfig: "/etc/kubun/kubun.yaml",
  writeKubeconfigMode: 0o644,
  clusterCidr: "10.42.0.0/16",
  serviceCidr: "10.43.0.0/16",
  clusterDns: "10.43.0.10",
  clusterDomain: "cluster.local",
  datastoreEndpoint: "sqlite:///var/lib/kubun/server/db/state.db",
  defaultNotReadyTolerationSeconds: 300,
  defaultUnreachableTolerationSeconds: 300,
  disableAgent: false,
  nodeName: "pi-1",
  nodeIp: "192.168.1.11",
  nodeLabel: [],
  nodeTaint: [],
  registryConfig: undefined,
  containerLogMaxSize: "10Mi",
  containerLogMaxFiles: 5,
  containerBackoffMax: "5m",
  syncFrequency: "1m",
});

describe("PKI options from the server configuration", () => {
  test("the serving names cover host, node, addresses, --tls-san and the kubernetes service", () => {
    const o = serverPkiOptions(config, "Pi-1.local");
    expect(o.sans.dns).toEqual(expect.arrayContaining(["pi-1.local", "pi-1", "k.example.com", "kubernetes.default.svc.cluster.local"]));
    expect(o.sans.ips).toEqual(expect.arrayContaining(["127.0.0.1", "::1", "192.168.1.10", "192.168.1.11", "203.0.113.7", "10.43.0.1"]));
    expect(o.sans.ips).not.toContain("0.0.0.0");
  });

  test("paths, mode, port and token pass through", () => {
    const o = serverPkiOptions(config, "h");
    expect(o).toMatchObject({ dataDir: "/var/lib/kubun", kubeconfigPath: "/etc/kubun/kubun.yaml", kubeconfigMode: 0o644, port: 7443, token: "secret" });
  });
});
