// Joining nodes against the built server binary over real HTTPS: CA pinning by the token's
// hash, node credentials used through assertions, node authorization, `kubun token`
// lifecycles, and node passwords. The agent side is agent/join, run in this process.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { joinCluster } from "../../agent/join/index.ts";
import { isForbidden } from "../../shared/client/index.ts";
import { createLogger } from "../../shared/log.ts";
import { BINARY, startCluster, waitFor, type Cluster } from "./harness.ts";

let c: Cluster;
const dirs: string[] = [];
const log = createLogger("error");
const NODES = { group: "", version: "v1", plural: "nodes", namespaced: false };
const PODS = { group: "", version: "v1", plural: "pods", namespaced: true };

beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh data dir: one per simulated machine. */
function machine(): string {
  const d = mkdtempSync(join(tmpdir(), "kubun-e2e-node-"));
  dirs.push(d);
  return d;
}

async function kubun(...args: string[]) {
  const p = Bun.spawn([BINARY, ...args], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: c.dir } });
  const [stdout, stderr] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
  return { code: await p.exited, stdout, stderr };
}

async function createToken(...flags: string[]): Promise<string> {
  const r = await kubun("token", "create", "--kubeconfig", c.kubeconfig, ...flags);
  expect(r).toMatchObject({ code: 0, stderr: "" });
  return r.stdout.trim();
}

const serverToken = () => readFileSync(join(c.dir, "data/server/token"), "utf8").trim();
const nodeObject = (name: string) => ({ apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } } });

describe("joining with the token", () => {
  test("a token with a wrong CA hash is refused and nothing is written", async () => {
    const dir = machine();
    const secret = serverToken().split("::")[1]!;
    const token = `K10${"0".repeat(64)}::${secret}`;
    await expect(joinCluster({ server: c.url, token, dataDir: dir, nodeName: "wrong-ca", log })).rejects.toThrow("token CA hash does not match");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a node joins with the server token and uses its certificate: it reads pods, registers itself, and may not touch another node", async () => {
    const creds = await joinCluster({ server: c.url, token: serverToken(), dataDir: machine(), nodeName: "edge-1", log });
    const client = creds.client();
    expect((await client.list(PODS)).items).toEqual([]);
    await client.create(NODES, nodeObject("edge-1"));
    expect(await c.k(["get", "node", "edge-1", "-o", "name"])).toBe("node/edge-1\n");
    await c.k(["create", "-f", "-"], { stdin: JSON.stringify(nodeObject("edge-2")) });
    const err = await client.patch(NODES, "edge-2", { metadata: { labels: { taken: "yes" } } }, { type: "merge" }).catch((e) => e);
    expect(isForbidden(err)).toBe(true);
    expect(err.message).toBe('nodes "edge-2" is forbidden: User "system:node:edge-1" cannot patch resource "nodes" in API group "" at the cluster scope');
  });

  test("a restart finds the stored credential and needs no token", async () => {
    const dir = machine();
    const first = await joinCluster({ server: c.url, token: serverToken(), dataDir: dir, nodeName: "edge-3", log });
    const again = await joinCluster({ server: c.url, dataDir: dir, nodeName: "edge-3", log });
    expect(again.certPem).toBe(first.certPem);
    expect((await again.client().list(PODS)).items).toEqual([]);
  });

  test("a second machine claiming an existing node's name with another password gets 403", async () => {
    const creds = await joinCluster({ server: c.url, token: serverToken(), dataDir: machine(), nodeName: "edge-4", log });
    await creds.client().create(NODES, nodeObject("edge-4"));
    const intruder = machine();
    await expect(joinCluster({ server: c.url, token: serverToken(), dataDir: intruder, nodeName: "edge-4", log })).rejects.toThrow(
      /failed \(403\): node password does not match/,
    );
    expect(readdirSync(join(intruder, "agent"))).toEqual(["node-password"]);
  });
});

describe("kubun token", () => {
  test("a created token joins a node; after `token delete` it is refused at once and the node keeps working", async () => {
    const token = await createToken("--ttl", "1h", "--description", "rack 2");
    expect(token).toStartWith(serverToken().slice(0, 67) + "::");
    const id = token.split("::")[1]!.split(".")[0]!;
    const list = await kubun("token", "list", "--kubeconfig", c.kubeconfig);
    expect(list.stdout).toMatch(/^ID\s+TTL\s+EXPIRES\s+DESCRIPTION\n/);
    expect(list.stdout).toMatch(new RegExp(`\\n${id}\\s+(59m|1h)\\s+\\S+Z\\s+rack 2\\n`));
    const creds = await joinCluster({ server: c.url, token, dataDir: machine(), nodeName: "pi-1", log });
    expect((await kubun("token", "delete", id, "--kubeconfig", c.kubeconfig)).stdout).toBe(`bootstrap token "${id}" deleted\n`);
    await expect(joinCluster({ server: c.url, token, dataDir: machine(), nodeName: "pi-2", log })).rejects.toThrow("failed (401)");
    expect((await creds.client().list(PODS)).items).toEqual([]);
  });

  test("a `token create --ttl 1s` token is refused once it has expired", async () => {
    const token = await createToken("--ttl", "1s");
    const id = token.split("::")[1]!.split(".")[0]!;
    await waitFor("the token to be listed as expired", async () => {
      const r = await kubun("token", "list", "--kubeconfig", c.kubeconfig);
      return new RegExp(`\\n${id}\\s+<invalid>`).test(r.stdout) ? true : undefined;
    });
    const dir = machine();
    await expect(joinCluster({ server: c.url, token, dataDir: dir, nodeName: "late", log })).rejects.toThrow("failed (401)");
    expect(readdirSync(join(dir, "agent"))).toEqual(["node-password"]);
  });
});
