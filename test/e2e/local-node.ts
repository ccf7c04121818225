// The one-node cluster of the runc end-to-end tests: `kubun server` with its local agent (runc,
// the bridge kubun0, kubun's iptables chains in the test's network namespace), started and
// waited for until its Node is Ready, and torn down so nothing outlives the test file: pods
// deleted through the agent (their mounts go with them), runc leftovers force-deleted, the
// server stopped, the bridge and chains removed. Needs root and runc; fails naming them.
import { join } from "node:path";
import { removeBridge, removeMasquerade } from "../../agent/network/index.ts";
import { requireRoot, requireTool, run } from "../fixtures/process.ts";
import { startCluster, waitFor, type Cluster } from "./harness.ts";

export interface LocalNode extends Cluster {
  /** runc's --root of the local agent. */
  runcRoot: string;
  /** The ids of the runc containers the local agent holds, sorted. */
  runcList(): Promise<string[]>;
}

export async function startLocalNode(extraArgs: string[] = []): Promise<LocalNode> {
  requireRoot("running pods with runc");
  requireTool("runc", "runc");
  const c = await startCluster(extraArgs, { agent: true });
  const runcRoot = join(c.dir, "data/agent/runc");
  const runcList = async () => (await run(["runc", "--root", runcRoot, "list", "-q"])).stdout.split("\n").filter(Boolean).sort();
  await waitFor(`the local agent's Node to be Ready (server output:\n${c.logs()})`, async () => {
    const r = await c.kubectl(["get", "node", "-o", "jsonpath={.items[0].status.conditions[?(@.type=='Ready')].status}"]);
    return r.stdout === "True" ? true : undefined;
  }, 60_000);
  return Object.assign(c, { runcRoot, runcList });
}

export async function stopLocalNode(c: LocalNode | undefined): Promise<void> {
  try {
    if (c) {
      await c.kubectl(["delete", "pods", "--all", "--grace-period=1", "--timeout=60s"]).catch(() => {});
      for (const id of await c.runcList().catch(() => [])) await run(["runc", "--root", c.runcRoot, "delete", "--force", id]).catch(() => {});
      await c.stop();
    }
  } finally {
    await removeMasquerade({}).catch(() => {});
    await removeBridge({ name: "kubun0" }).catch(() => {});
  }
}
