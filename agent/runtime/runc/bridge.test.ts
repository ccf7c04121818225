// The runtime with agent/network's real pod network, its bridge in a throwaway node namespace:
// the pod gets an address on the bridge, written to its /etc/hosts, and the node reaches a
// server in the pod on that address.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createBridgeNetwork } from "../../network/index.ts";
import { requireNetworkTools, TestNetns } from "../../network/testing.ts";
import { runcHarness, shPod, waitUntil, type RuncHarness } from "./testing.ts";

let node: TestNetns;
let h: RuncHarness;
let netDir: string;
beforeEach(async () => {
  requireNetworkTools();
  node = await TestNetns.create("runc");
  netDir = mkdtempSync(join(tmpdir(), "kubun-runc-bridge-"));
  h = await runcHarness({ network: createBridgeNetwork({ dataDir: netDir, podCIDR: "10.97.0.0/24", netns: node.path }) });
});
afterEach(async () => {
  await h?.close();
  await node?.[Symbol.asyncDispose]();
  rmSync(netDir, { recursive: true, force: true });
});

describe("runc runtime on the bridge network", () => {
  test("a pod gets an address from the pod CIDR and the node reaches its server there", async () => {
    const pod = shPod("web", "mkdir -p /www && echo served from $(hostname) > /www/index.html && grep web /etc/hosts && exec httpd -f -p 8080 -h /www");
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "running", "the container to run");
    const ip = (await h.runtime.podStatus(uid))!.ip!;
    expect(ip).toMatch(/^10\.97\.0\.\d+$/);
    let body = "";
    await waitUntil(async () => {
      body = await node.run("busybox", "wget", "-qO-", `http://${ip}:8080/index.html`).catch(() => "");
      return body !== "";
    }, "httpd to answer on the pod IP");
    expect(body).toBe("served from web\n");
    let log = "";
    for await (const c of h.runtime.logs(uid, "main")) log += new TextDecoder().decode(c);
    expect(log).toMatch(new RegExp(`^${ip.replaceAll(".", "\\.")}\\s+web`));
  });
});
