// Losing nodes: when `kubun sim` stops, its nodes go NotReady (40 s without a lease), their pods
// are evicted after the shortened unreachable toleration and come back on nodes started later.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCluster, waitFor, type Cluster } from "./harness.ts";
import { startSim, type SimNodes } from "./sim.ts";

let c: Cluster;
let later: SimNodes | undefined;
const json = async (args: string[]) => JSON.parse(await c.k([...args, "-o", "json"]));
const ready = (n: any) => n.status?.conditions?.find((x: any) => x.type === "Ready")?.status;

beforeAll(async () => {
  c = await startCluster(["--default-unreachable-toleration-seconds", "5", "--default-not-ready-toleration-seconds", "5"]);
});
afterAll(async () => {
  await later?.stop();
  await c?.stop();
});

test("pods of stopped nodes are evicted and rescheduled on nodes that join later", async () => {
  const first = startSim(c, { nodes: 2, prefix: "gone" });
  await waitFor("2 Ready nodes", async () => ((await json(["get", "nodes"])).items.filter((n: any) => ready(n) === "True").length === 2 ? true : undefined), 60_000);
  await c.k(["create", "deployment", "web", "--image=busybox", "--replicas=2"]);
  await c.k(["rollout", "status", "deploy/web", "--timeout=60s"]);
  await first.stop();

  await waitFor("both nodes NotReady (Unknown) and tainted unreachable", async () => {
    const nodes = (await json(["get", "nodes"])).items as any[];
    const lost = nodes.filter((n) => ready(n) === "Unknown" && n.spec.taints?.some((t: any) => t.key === "node.kubernetes.io/unreachable" && t.effect === "NoExecute"));
    return lost.length === 2 ? true : undefined;
  }, 90_000);
  expect(await c.k(["get", "nodes"])).toMatch(/gone-0\s+NotReady/);

  later = startSim(c, { nodes: 2, prefix: "fresh" });
  await waitFor("2 running web pods on the new nodes", async () => {
    const pods = (await json(["get", "pods", "-l", "app=web"])).items as any[];
    const running = pods.filter((p) => p.status.phase === "Running" && !p.metadata.deletionTimestamp && p.spec.nodeName?.startsWith("fresh-"));
    return running.length === 2 ? true : undefined;
  }, 120_000);
  const events = await c.k(["get", "events", "-A"]);
  expect(events).toContain("NodeNotReady");
  expect(events).toContain("TaintManagerEviction");
}, 300_000);
