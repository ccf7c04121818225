// The node's pod CIDR. Nothing on the server allocates them yet (no node IPAM controller), so
// the agent picks before it registers: the CIDR its Node already has, else the first /24 of
// --cluster-cidr no other Node holds. Two agents registering at the same instant could pick the
// same /24; registration is sequential in practice (a node joins, then the next), and the
// server-side allocator that removes the race is listed as follow-up work in the README.
import type { Client } from "../shared/client/index.ts";
import { formatIPv4, parseCIDR } from "./network/ipam.ts";
import type { NodeObject } from "./node/index.ts";
import { NODES } from "./resources.ts";

/** The i-th /24 of a range such as 10.42.0.0/16; undefined past its end. */
export function nthSubnet24(clusterCIDR: string, index: number): string | undefined {
  const { base, bits } = parseCIDR(clusterCIDR);
  if (bits > 24) throw new Error(`--cluster-cidr ${clusterCIDR}: a node's pod range is a /24, so the cluster range must be /24 or larger`);
  if (index >= 2 ** (24 - bits)) return undefined;
  return `${formatIPv4(base + index * 256)}/24`;
}

/** The pod CIDR for `nodeName`, given the Nodes that exist. */
export function choosePodCIDR(nodes: readonly NodeObject[], nodeName: string, clusterCIDR: string): string {
  const own = nodes.find((n) => n.metadata.name === nodeName)?.spec?.podCIDR;
  if (own) return own;
  const taken = new Set(nodes.map((n) => n.spec?.podCIDR).filter(Boolean));
  for (let i = 0; ; i++) {
    const cidr = nthSubnet24(clusterCIDR, i);
    if (!cidr) throw new Error(`--cluster-cidr ${clusterCIDR}: every /24 is taken by a Node; no pod CIDR left for node ${nodeName}`);
    if (!taken.has(cidr)) return cidr;
  }
}

export async function podCIDRFor(client: Client, nodeName: string, clusterCIDR: string): Promise<string> {
  const first = clusterCIDR.split(",")[0]!.trim();
  const { items } = await client.listAll<NodeObject>(NODES);
  return choosePodCIDR(items, nodeName, first);
}
