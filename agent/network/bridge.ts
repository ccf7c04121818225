// The node's pod bridge (kubun0 by default): a Linux bridge holding the first address of the pod
// CIDR (the pods' gateway), up, with IPv4 forwarding on. Ensuring it again is harmless; an
// address left from an earlier pod CIDR is removed.
import { formatIPv4, parseCIDR } from "./ipam.ts";
import { exec, inNetns, run, runTolerating } from "./command.ts";

export interface BridgeOptions {
  /** The bridge's name (at most 15 characters); default kubun0. */
  name: string;
  /** The node's pod CIDR, such as 10.42.0.0/24. */
  podCIDR: string;
  /** The node's network namespace (a path); default the agent's own. */
  netns?: string;
}

/** The gateway (bridge) address of a pod CIDR and its prefix length: 10.42.0.0/24 → 10.42.0.1, 24. */
export function gatewayOf(podCIDR: string): { gateway: string; bits: number } {
  const { base, bits } = parseCIDR(podCIDR);
  return { gateway: formatIPv4(base + 1), bits };
}

/** A locally administered MAC from an IPv4 address (0a:58 and its four bytes, as Kubernetes' CNI plugins do). */
export function macFor(ip: string): string {
  return ["0a", "58", ...ip.split(".").map((b) => Number(b).toString(16).padStart(2, "0"))].join(":");
}

interface LinkJson {
  ifname: string;
  linkinfo?: { info_kind?: string };
  addr_info?: { family: string; local: string; prefixlen: number }[];
}

export async function ensureBridge(opts: BridgeOptions): Promise<{ gateway: string }> {
  const { name, netns } = opts;
  if (name.length > 15 || !/^[\w.-]+$/.test(name)) throw new Error(`bridge name "${name}" must be 1 to 15 letters, digits, '.', '-' or '_'`);
  const ip = (...args: string[]) => inNetns(netns, ["ip", ...args]);
  const { gateway, bits } = gatewayOf(opts.podCIDR);

  await runTolerating(ip("link", "add", name, "type", "bridge"), /File exists/);
  const [link] = JSON.parse(await run(ip("-j", "-d", "addr", "show", "dev", name))) as LinkJson[];
  if (link?.linkinfo?.info_kind !== "bridge") {
    throw new Error(`network device ${name} exists but is a ${link?.linkinfo?.info_kind ?? "plain device"}, not a bridge; remove it or choose another bridge name`);
  }
  for (const a of link.addr_info ?? []) {
    if (a.family === "inet" && (a.local !== gateway || a.prefixlen !== bits)) await run(ip("addr", "del", `${a.local}/${a.prefixlen}`, "dev", name));
  }
  await run(ip("addr", "replace", `${gateway}/${bits}`, "dev", name));
  await run(ip("link", "set", name, "address", macFor(gateway), "up")); // fixed, not the lowest port's

  await run(inNetns(netns, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"]));
  return { gateway };
}

/** Deletes the bridge (its pods' veths stay but lose their gateway); absent is fine. */
export async function removeBridge(opts: { name: string; netns?: string }): Promise<void> {
  await runTolerating(inNetns(opts.netns, ["ip", "link", "del", opts.name]), /Cannot find device|does not exist/);
}

/** Whether the device exists in the namespace. */
export async function linkExists(name: string, netns?: string): Promise<boolean> {
  return (await exec(inNetns(netns, ["ip", "link", "show", "dev", name]))).code === 0;
}
