import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBridgeNetwork } from "../../network/index.ts";
import type { PodNetwork } from "./network.ts";
import { PodPaths } from "./paths.ts";
import { writePodFiles } from "./pod-files.ts";

describe("runc pod network and files", () => {
  test("agent/network's bridge network is a PodNetwork as it is", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubun-runc-net-"));
    try {
      const network: PodNetwork = createBridgeNetwork({ dataDir: dir, podCIDR: "10.99.0.0/24" });
      expect(typeof network.setup).toBe("function");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a pod's resolv.conf points at the cluster DNS with its search path; hosts and hostname name it", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubun-runc-files-"));
    try {
      const paths = new PodPaths(dir, "u1");
      const nodeResolvConf = join(dir, "node-resolv.conf");
      writeFileSync(nodeResolvConf, "nameserver 192.0.2.1\n");
      writePodFiles(paths, { metadata: { name: "web", namespace: "shop", uid: "u1" }, spec: { containers: [] } }, "10.42.0.7", { nameservers: ["10.43.0.10"], clusterDomain: "cluster.local", nodeResolvConf });
      const read = (f: string) => readFileSync(join(paths.etcDir, f), "utf8");
      expect(read("resolv.conf")).toContain("nameserver 10.43.0.10");
      expect(read("resolv.conf")).toContain("search shop.svc.cluster.local svc.cluster.local cluster.local");
      expect(read("hosts")).toMatch(/10\.42\.0\.7\s+web/);
      expect(read("hostname").trim()).toBe("web");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
