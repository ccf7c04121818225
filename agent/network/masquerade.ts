// iptables rules the pod network needs, in chains kubun owns: KUBUN-POSTROUTING (nat) masquerades
// pod traffic leaving the cluster CIDR, KUBUN-FORWARD (filter) lets pod traffic through a FORWARD
// policy of DROP (as Docker leaves it). Each chain is rewritten whole and atomically with
// iptables-restore --noflush; the jump from the built-in chain is added once.
import { exec, inNetns, run, runTolerating } from "./command.ts";

export const POSTROUTING_CHAIN = "KUBUN-POSTROUTING";
export const FORWARD_CHAIN = "KUBUN-FORWARD";

export interface MasqueradeOptions {
  /** The node's pod CIDR: traffic from it is masqueraded. */
  podCIDR: string;
  /** Destinations not masqueraded (pods on other nodes); default the pod CIDR. */
  clusterCIDR?: string;
  /** The node's network namespace (a path); default the agent's own. */
  netns?: string;
}

/** The iptables-restore input for both chains (pure, for tests and logs). */
export function rulesFor(opts: MasqueradeOptions): string {
  const { podCIDR } = opts;
  const cluster = opts.clusterCIDR ?? podCIDR;
  return [
    "*nat",
    `:${POSTROUTING_CHAIN} - [0:0]`,
    `-A ${POSTROUTING_CHAIN} -s ${podCIDR} -d ${cluster} -m comment --comment "kubun: pod to pod" -j RETURN`,
    `-A ${POSTROUTING_CHAIN} -s ${podCIDR} -d 224.0.0.0/4 -m comment --comment "kubun: multicast" -j RETURN`,
    `-A ${POSTROUTING_CHAIN} -s ${podCIDR} -m comment --comment "kubun: pod traffic leaving the cluster" -j MASQUERADE`,
    "COMMIT",
    "*filter",
    `:${FORWARD_CHAIN} - [0:0]`,
    `-A ${FORWARD_CHAIN} -s ${podCIDR} -m comment --comment "kubun: from pods" -j ACCEPT`,
    `-A ${FORWARD_CHAIN} -d ${podCIDR} -m comment --comment "kubun: to pods" -j ACCEPT`,
    "COMMIT",
    "",
  ].join("\n");
}

const JUMPS = [
  { table: "nat", from: "POSTROUTING", to: POSTROUTING_CHAIN },
  { table: "filter", from: "FORWARD", to: FORWARD_CHAIN },
] as const;

export async function ensureMasquerade(opts: MasqueradeOptions): Promise<void> {
  await run(inNetns(opts.netns, ["iptables-restore", "-w", "10", "--noflush"]), rulesFor(opts));
  for (const j of JUMPS) {
    const iptables = (...args: string[]) => inNetns(opts.netns, ["iptables", "-w", "10", "-t", j.table, ...args]);
    const present = await exec(iptables("-C", j.from, "-j", j.to));
    if (present.code !== 0) await run(iptables("-I", j.from, "1", "-j", j.to));
  }
}

/** Removes the jumps and both chains; what is already gone is fine. */
export async function removeMasquerade(opts: { netns?: string }): Promise<void> {
  const gone = /does a matching rule exist|No chain|doesn't exist|not exist/i;
  for (const j of JUMPS) {
    const iptables = (...args: string[]) => inNetns(opts.netns, ["iptables", "-w", "10", "-t", j.table, ...args]);
    while (await runTolerating(iptables("-D", j.from, "-j", j.to), gone)) {}
    await runTolerating(iptables("-F", j.to), gone);
    await runTolerating(iptables("-X", j.to), gone);
  }
}
