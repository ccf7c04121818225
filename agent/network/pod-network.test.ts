// The real pod network, as root, inside throwaway network namespaces: one plays the node (the
// bridge and iptables live there), one per fake pod, one the world outside the node.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureMasquerade, removeMasquerade } from "./masquerade.ts";
import { createBridgeNetwork, type BridgeNetworkOptions } from "./pod-network.ts";
import { deleteAllTestNetns, requireNetworkTools, TestNetns } from "./testing.ts";
import { hostVethName } from "./veth.ts";
import { macFor } from "./bridge.ts";

const CIDR = "10.42.7.0/24";
let node: TestNetns;
let dataDir: string;

beforeAll(async () => {
  requireNetworkTools();
  node = await TestNetns.create("node");
  dataDir = mkdtempSync(join(tmpdir(), "kubun-net-"));
});

afterAll(async () => {
  await deleteAllTestNetns();
  rmSync(dataDir, { recursive: true, force: true });
});

const network = (extra: Partial<BridgeNetworkOptions> = {}) => createBridgeNetwork({ dataDir, podCIDR: CIDR, netns: node.path, ...extra });
const meta = (podName: string) => ({ podName, namespace: "default" });

interface AddrJson {
  ifname: string;
  address: string;
  flags: string[];
  addr_info: { family: string; local: string; prefixlen: number }[];
}

describe("pod network on a bridge", () => {
  test("a pod gets eth0 with an address of the pod CIDR, lo up and a default route via the bridge", async () => {
    await using pod = await TestNetns.create("pod");
    const net = network();
    const { ip, gateway } = await net.setup("uid-a", pod.path, meta("a"));
    expect(gateway).toBe("10.42.7.1");
    expect(ip).toMatch(/^10\.42\.7\.\d+$/);
    const links = JSON.parse(await pod.run("ip", "-j", "addr", "show")) as AddrJson[];
    const eth0 = links.find((l) => l.ifname === "eth0");
    expect(eth0?.addr_info.filter((a) => a.family === "inet")).toEqual([expect.objectContaining({ local: ip, prefixlen: 24 })]);
    expect(eth0?.flags).toContain("UP");
    expect(eth0?.address).toBe(macFor(ip));
    expect(links.find((l) => l.ifname === "lo")?.flags).toContain("UP");
    const routes = JSON.parse(await pod.run("ip", "-j", "route", "show", "default")) as { gateway?: string; dev?: string }[];
    expect(routes).toEqual([expect.objectContaining({ gateway: "10.42.7.1", dev: "eth0" })]);
    const port = JSON.parse(await node.run("ip", "-j", "-d", "link", "show", "dev", hostVethName("uid-a"))) as { master?: string }[];
    expect(port[0]?.master).toBe("kubun0");
    await net.teardown("uid-a");
  });

  test("the node reaches each pod and two pods reach each other", async () => {
    await using pod1 = await TestNetns.create("pod");
    await using pod2 = await TestNetns.create("pod");
    const net = network();
    const a = await net.setup("uid-p1", pod1.path, meta("p1"));
    const b = await net.setup("uid-p2", pod2.path, meta("p2"));
    expect(a.ip).not.toBe(b.ip);
    expect(await node.ping(a.ip)).toBe(true);
    expect(await node.ping(b.ip)).toBe(true);
    expect(await pod1.ping(b.ip)).toBe(true);
    expect(await pod2.ping(a.ip)).toBe(true);
    await net.teardown("uid-p1");
    await net.teardown("uid-p2");
  });

  test("pod traffic leaving the node is masqueraded as the node's address", async () => {
    await using pod = await TestNetns.create("pod");
    await using outside = await TestNetns.create("ext");
    // The node's uplink: 192.168.77.1 on the node, 192.168.77.2 outside, which has no route back to pods.
    await node.run("ip", "link", "add", "uplink", "type", "veth", "peer", "name", "eth0", "netns", outside.path);
    await node.run("ip", "addr", "add", "192.168.77.1/24", "dev", "uplink");
    await node.run("ip", "link", "set", "uplink", "up");
    await outside.run("ip", "addr", "add", "192.168.77.2/24", "dev", "eth0");
    await outside.run("ip", "link", "set", "eth0", "up");
    const net = network();
    await net.setup("uid-out", pod.path, meta("out"));
    expect(await pod.ping("192.168.77.2")).toBe(true);
    await removeMasquerade({ netns: node.path });
    expect(await pod.ping("192.168.77.2", 1)).toBe(false); // no way back without the rule
    await ensureMasquerade({ podCIDR: CIDR, netns: node.path });
    expect(await pod.ping("192.168.77.2")).toBe(true);
    await net.teardown("uid-out");
    await node.run("ip", "link", "del", "uplink");
  });

  test("teardown frees the address and removes the veth, and a second teardown is harmless", async () => {
    await using pod = await TestNetns.create("pod");
    const net = network();
    const { ip } = await net.setup("uid-t", pod.path, meta("t"));
    expect(net.ipOf("uid-t")).toBe(ip);
    await net.teardown("uid-t");
    expect(net.ipOf("uid-t")).toBeUndefined();
    const links = JSON.parse(await node.run("ip", "-j", "link", "show")) as { ifname: string }[];
    expect(links.map((l) => l.ifname)).not.toContain(hostVethName("uid-t"));
    const podLinks = JSON.parse(await pod.run("ip", "-j", "link", "show")) as { ifname: string }[];
    expect(podLinks.map((l) => l.ifname)).toEqual(["lo"]);
    await net.teardown("uid-t");
  });

  test("addresses survive an agent restart: the new network keeps them, sets a pod up again with the same one, and clears what no pod owns", async () => {
    await using pod1 = await TestNetns.create("pod");
    await using pod2 = await TestNetns.create("pod");
    const before = network();
    const a = await before.setup("uid-r1", pod1.path, meta("r1"));
    const after = network();
    expect(after.ipOf("uid-r1")).toBe(a.ip);
    const b = await after.setup("uid-r2", pod2.path, meta("r2"));
    expect(b.ip).not.toBe(a.ip);
    expect((await after.setup("uid-r1", pod1.path, meta("r1"))).ip).toBe(a.ip);
    expect(await pod2.ping(a.ip)).toBe(true);
    await node.run("ip", "link", "add", "vethdeadbeef000", "type", "veth", "peer", "name", "stray");
    await node.run("ip", "link", "set", "vethdeadbeef000", "master", "kubun0");
    expect(await after.gc(["uid-r2"])).toEqual(["uid-r1"]);
    expect(after.ipOf("uid-r1")).toBeUndefined();
    const ports = JSON.parse(await node.run("ip", "-j", "link", "show", "master", "kubun0")) as { ifname: string }[];
    expect(ports.map((p) => p.ifname)).toEqual([hostVethName("uid-r2")]);
    await after.teardown("uid-r2");
    expect(after.ipam.size).toBe(0);
  });

  test("a setup that fails names the command and holds no address", async () => {
    const net = network();
    const err = await net.setup("uid-bad", "/run/netns/kubun-test-no-such-ns", meta("bad")).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("pod default/bad: network setup failed: `nsenter --net=");
    expect((err as Error).message).toContain("ip -batch -");
    expect((err as Error).message).toContain("link add veth");
    expect(net.ipOf("uid-bad")).toBeUndefined();
  });
});
