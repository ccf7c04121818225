// `kubun server` whose local agent cannot start keeps serving the control plane and says why.
// The agent here fails before touching the machine: a --cluster-cidr smaller than a node's /24.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCluster, waitFor, type Cluster } from "./harness.ts";

let c: Cluster;

beforeAll(async () => {
  c = await startCluster(["--cluster-cidr", "10.42.0.0/25"], { agent: true });
});

afterAll(async () => {
  await c?.stop();
});

test("a local agent that fails to start is logged and the API keeps answering", async () => {
  await waitFor("the local agent's failure in the server log", () => (c.logs().includes("local agent failed to start") ? true : undefined));
  expect(c.logs()).toContain("the control plane keeps running without it");
  expect(c.logs()).toContain("must be /24 or larger");
  expect(await c.k(["get", "namespace", "default", "-o", "name"])).toBe("namespace/default\n");
  expect(await c.k(["get", "nodes", "-o", "name"])).toBe("");
});
