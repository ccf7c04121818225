import { expect, test } from "bun:test";
import { hostNodeConfig, parseLabels, parseTaint } from "./host-node.ts";

test("labels and taints are read as --node-label and --node-taint write them", () => {
  expect(parseLabels(["a=b", "example.com/x=y=z", "empty="])).toEqual({ a: "b", "example.com/x": "y=z", empty: "" });
  expect(parseTaint("dedicated=gpu:NoSchedule")).toEqual({ key: "dedicated", value: "gpu", effect: "NoSchedule" });
  expect(parseTaint("example.com/edge:NoExecute")).toEqual({ key: "example.com/edge", effect: "NoExecute" });
});

test("the host's node config carries the pod CIDR, the first --node-ip and the runtime version", () => {
  const cfg = hostNodeConfig({ name: "n1", nodeIp: "192.0.2.7,2001:db8::7", labels: ["role=edge"], taints: [], podCIDR: "10.42.3.0/24", dataDir: "/tmp", runtimeVersion: "runc://1.1.5" });
  expect(cfg).toMatchObject({ name: "n1", internalIP: "192.0.2.7", podCIDR: "10.42.3.0/24", labels: { role: "edge" }, taints: [] });
  expect(cfg.nodeInfo.containerRuntimeVersion).toBe("runc://1.1.5");
  expect(Number(cfg.capacity.cpu)).toBeGreaterThan(0);
  expect(cfg.capacity.memory).toMatch(/^\d+Ki$/);
});
