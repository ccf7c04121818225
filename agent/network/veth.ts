// One pod's link: a veth pair whose host end (veth<hash of the pod uid>) is a port of the bridge
// and whose other end is the pod's eth0, with the pod's address, lo up and a default route via
// the bridge. The host end's name follows from the uid, so teardown needs nothing remembered.
import { createHash } from "node:crypto";
import { macFor } from "./bridge.ts";
import { inNetns, run, runTolerating } from "./command.ts";

/** The host end's name: "veth" and 11 hex digits of the uid's SHA-256 (15 characters, the limit). */
export function hostVethName(podUid: string): string {
  return "veth" + createHash("sha256").update(podUid).digest("hex").slice(0, 11);
}

export interface PodLinkOptions {
  podUid: string;
  /** The pod's network namespace: a bind-mounted ns file or /proc/<pid>/ns/net. */
  podNetns: string;
  bridge: string;
  ip: string;
  prefixLength: number;
  gateway: string;
  /** The node's network namespace (a path); default the agent's own. */
  nodeNetns?: string;
  mtu?: number;
}

const GONE = /Cannot find device|does not exist/;

/** Creates (or re-creates) the pod's veth pair and configures the pod's side. */
export async function addPodLink(o: PodLinkOptions): Promise<void> {
  const host = hostVethName(o.podUid);
  const ip = (...args: string[]) => inNetns(o.nodeNetns, ["ip", ...args]);
  await runTolerating(ip("link", "del", host), GONE); // a half-done earlier attempt
  const mtu = o.mtu ? ` mtu ${o.mtu}` : "";
  // One ip process for the host side (each spawn costs milliseconds of every pod start); the
  // batch stops at its first failing line, and ip's exit code reports it.
  const onHost = [
    `link add ${host}${mtu} type veth peer name eth0${mtu} address ${macFor(o.ip)} netns ${o.podNetns}`,
    `link set ${host} master ${o.bridge} up`,
    `link set ${host} type bridge_slave hairpin on`, // a pod reaching itself through a service
    "",
  ].join("\n");
  await run(ip("-batch", "-"), onHost);
  const inPod = [
    "link set lo up",
    `addr add ${o.ip}/${o.prefixLength} dev eth0`,
    "link set eth0 up",
    `route replace default via ${o.gateway} dev eth0`,
    "",
  ].join("\n");
  await run(inNetns(o.podNetns, ["ip", "-batch", "-"]), inPod);
}

/** Deletes the pod's veth pair (the pod's eth0 goes with it); absent is fine. */
export function removePodLink(podUid: string, nodeNetns?: string): Promise<boolean> {
  return removeLink(hostVethName(podUid), nodeNetns);
}

export function removeLink(dev: string, nodeNetns?: string): Promise<boolean> {
  return runTolerating(inNetns(nodeNetns, ["ip", "link", "del", dev]), GONE);
}

/** The pods' host ends on the bridge (veth ports only). */
export async function bridgePorts(bridge: string, nodeNetns?: string): Promise<string[]> {
  const links = JSON.parse(await run(inNetns(nodeNetns, ["ip", "-j", "link", "show", "master", bridge, "type", "veth"])) || "[]") as { ifname: string }[];
  return links.map((l) => l.ifname).filter((n) => /^veth[0-9a-f]{11}$/.test(n));
}
