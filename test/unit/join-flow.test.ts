// The agent's join code against the server's join endpoints, in one process: both sides of
// the protocol as they ship (the e2e test repeats this over real HTTPS with the binary).
import { afterEach, describe, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { joinCluster } from "../../agent/join/index.ts";
import { isForbidden } from "../../shared/client/index.ts";
import { createLogger } from "../../shared/log.ts";
import { tempDir } from "../../shared/pki/testing.ts";
import { bootstrapTokenSecret, generateBootstrapToken } from "../../server/join/bootstrap-token.ts";
import { TEST_SERVER, testJoinServer } from "../../server/join/testing.ts";

let s: Awaited<ReturnType<typeof testJoinServer>>;
afterEach(() => s?.close());
const log = createLogger("error");
const NODES = { group: "", version: "v1", plural: "nodes", namespaced: false };
const node = (name: string) => ({ apiVersion: "v1", kind: "Node", metadata: { name } });

describe("join flow in process", () => {
  test("an agent joins with the server token and acts as its node through assertions", async () => {
    s = await testJoinServer();
    await using dir = await tempDir();
    const creds = await joinCluster({ server: TEST_SERVER, token: s.joinToken, dataDir: dir.path, nodeName: "edge-1", fetch: s.fetch, log });
    const client = creds.client();
    await client.create(NODES, node("edge-1"));
    const pods = await client.list({ group: "", version: "v1", plural: "pods" });
    expect(pods.items).toEqual([]);
    await s.admin("POST", "/api/v1/nodes", node("edge-2"));
    const err = await client.patch(NODES, "edge-2", { metadata: { labels: { x: "y" } } }, { type: "merge" }).catch((e) => e);
    expect(isForbidden(err)).toBe(true);
    expect(err.message).toBe('nodes "edge-2" is forbidden: User "system:node:edge-1" cannot patch resource "nodes" in API group "" at the cluster scope');
  });

  test("a second machine claiming a joined node's name with its own password is refused", async () => {
    s = await testJoinServer();
    await using first = await tempDir();
    await using second = await tempDir();
    const creds = await joinCluster({ server: TEST_SERVER, token: s.joinToken, dataDir: first.path, nodeName: "edge-1", fetch: s.fetch, log });
    await creds.client().create(NODES, node("edge-1"));
    await expect(joinCluster({ server: TEST_SERVER, token: s.joinToken, dataDir: second.path, nodeName: "edge-1", fetch: s.fetch, log })).rejects.toThrow("node password does not match");
    expect(await readdir(`${second.path}/agent`)).toEqual(["node-password"]);
  });

  test("a bootstrap token joins until it is deleted; the joined node keeps working", async () => {
    s = await testJoinServer();
    const t = generateBootstrapToken({ ttlMs: 3_600_000 });
    await s.admin("POST", "/api/v1/namespaces/kube-system/secrets", bootstrapTokenSecret(t));
    const token = `K10${s.joinToken.slice(3, 67)}::${t.id}.${t.secret}`;
    await using a = await tempDir();
    await using b = await tempDir();
    const creds = await joinCluster({ server: TEST_SERVER, token, dataDir: a.path, nodeName: "pi-1", fetch: s.fetch, log });
    await s.admin("DELETE", `/api/v1/namespaces/kube-system/secrets/bootstrap-token-${t.id}`);
    await expect(joinCluster({ server: TEST_SERVER, token, dataDir: b.path, nodeName: "pi-2", fetch: s.fetch, log })).rejects.toThrow("(401)");
    expect((await creds.client().list({ group: "", version: "v1", plural: "pods" })).items).toEqual([]);
  });
});
