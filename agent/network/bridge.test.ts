// The node-wide parts of the pod network, as root inside a throwaway node namespace.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureBridge, linkExists, removeBridge } from "./bridge.ts";
import { ensureMasquerade, FORWARD_CHAIN, POSTROUTING_CHAIN, removeMasquerade, rulesFor } from "./masquerade.ts";
import { deleteAllTestNetns, requireNetworkTools, TestNetns } from "./testing.ts";

let node: TestNetns;

beforeAll(async () => {
  requireNetworkTools();
  node = await TestNetns.create("node");
});

afterAll(() => deleteAllTestNetns());

const inet = async (dev: string) => {
  const [link] = JSON.parse(await node.run("ip", "-j", "addr", "show", "dev", dev)) as { flags: string[]; address: string; addr_info: { family: string; local: string; prefixlen: number }[] }[];
  return { up: link!.flags.includes("UP"), mac: link!.address, addrs: link!.addr_info.filter((a) => a.family === "inet").map((a) => `${a.local}/${a.prefixlen}`) };
};

describe("the pod bridge", () => {
  test("holds the pod CIDR's first address, is up, and forwarding is on; ensuring it again changes nothing", async () => {
    expect(await ensureBridge({ name: "kt-br0", podCIDR: "10.42.3.0/24", netns: node.path })).toEqual({ gateway: "10.42.3.1" });
    await ensureBridge({ name: "kt-br0", podCIDR: "10.42.3.0/24", netns: node.path });
    expect(await inet("kt-br0")).toEqual({ up: true, mac: "0a:58:0a:2a:03:01", addrs: ["10.42.3.1/24"] });
    expect((await node.run("sysctl", "-n", "net.ipv4.ip_forward")).trim()).toBe("1");
  });

  test("a new pod CIDR replaces the old gateway address", async () => {
    await ensureBridge({ name: "kt-br1", podCIDR: "10.42.3.0/24", netns: node.path });
    await ensureBridge({ name: "kt-br1", podCIDR: "10.42.9.0/25", netns: node.path });
    expect((await inet("kt-br1")).addrs).toEqual(["10.42.9.1/25"]);
    await removeBridge({ name: "kt-br1", netns: node.path });
    await removeBridge({ name: "kt-br1", netns: node.path });
    expect(await linkExists("kt-br1", node.path)).toBe(false);
  });

  test("a device of the bridge's name that is not a bridge is refused by name", async () => {
    await node.run("ip", "link", "add", "kt-veth", "type", "veth", "peer", "name", "kt-peer");
    await expect(ensureBridge({ name: "kt-veth", podCIDR: "10.42.3.0/24", netns: node.path })).rejects.toThrow("network device kt-veth exists but is a veth, not a bridge");
    await expect(ensureBridge({ name: "a-name-far-too-long", podCIDR: "10.42.3.0/24", netns: node.path })).rejects.toThrow("must be 1 to 15");
  });
});

describe("the masquerade rules", () => {
  const count = (text: string, needle: string) => text.split("\n").filter((l) => l === needle).length;

  test("are written once however often they are ensured, and removed cleanly", async () => {
    const opts = { podCIDR: "10.42.3.0/24", clusterCIDR: "10.42.0.0/16", netns: node.path };
    await ensureMasquerade(opts);
    await ensureMasquerade(opts);
    const nat = await node.run("iptables", "-w", "-t", "nat", "-S");
    expect(count(nat, `-A POSTROUTING -j ${POSTROUTING_CHAIN}`)).toBe(1);
    expect(count(nat, `-A ${POSTROUTING_CHAIN} -s 10.42.3.0/24 -m comment --comment "kubun: pod traffic leaving the cluster" -j MASQUERADE`)).toBe(1);
    expect(nat).toContain(`-A ${POSTROUTING_CHAIN} -s 10.42.3.0/24 -d 10.42.0.0/16 -m comment --comment "kubun: pod to pod" -j RETURN`);
    const filter = await node.run("iptables", "-w", "-t", "filter", "-S");
    expect(count(filter, `-A FORWARD -j ${FORWARD_CHAIN}`)).toBe(1);
    expect(filter).toContain(`-A ${FORWARD_CHAIN} -d 10.42.3.0/24`);

    await removeMasquerade({ netns: node.path });
    await removeMasquerade({ netns: node.path });
    expect(await node.run("iptables", "-w", "-t", "nat", "-S")).not.toContain("KUBUN");
    expect(await node.run("iptables", "-w", "-t", "filter", "-S")).not.toContain("KUBUN");
  });

  test("without a cluster CIDR only the node's own pods are exempt", () => {
    expect(rulesFor({ podCIDR: "10.42.3.0/24" })).toContain("-s 10.42.3.0/24 -d 10.42.3.0/24");
  });
});
