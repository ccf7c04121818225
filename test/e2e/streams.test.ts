// Streams through the built server with the real kubectl: a node joined with the server token
// opens its tunnel from this process and serves a FakeStreamProvider (logs from lines, exec of
// cat / sh -c "exit N", port 80 forwarded to a local echo server); kubectl does the rest.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { startStreamNode, type StreamNode } from "../unit/streams-fixture.ts";
import { freePort, kubectlPath, startCluster, type Cluster } from "./harness.ts";

let c: Cluster;
let node: StreamNode;

beforeAll(async () => {
  c = await startCluster();
  const joinToken = readFileSync(join(c.dir, "data/server/token"), "utf8").trim();
  const admin = (method: string, path: string, body?: unknown) => c.fetch(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
  node = await startStreamNode({ server: c.url, joinToken, name: "edge-1", admin });
  await node.runningPod("web");
  for (const l of ["starting", "listening on :80", "ready"]) node.provider.addLog({ namespace: "default", name: "web" }, "app", l);
});

afterAll(async () => {
  await node?.stop();
  await c?.stop();
});

/** kubectl running in the background, its stdout read as it comes. */
function background(args: string[], version?: string) {
  const p = Bun.spawn([kubectlPath(version), "--kubeconfig", c.kubeconfig, ...args], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: c.dir } });
  let out = "";
  let err = "";
  void (async () => {
    for await (const chunk of p.stdout as unknown as AsyncIterable<Uint8Array>) out += new TextDecoder().decode(chunk);
  })();
  void (async () => {
    for await (const chunk of p.stderr as unknown as AsyncIterable<Uint8Array>) err += new TextDecoder().decode(chunk);
  })();
  const until = async (what: string, pred: (out: string) => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!pred(out)) {
      if (p.exitCode !== null) throw new Error(`kubectl ${args.join(" ")} exited ${p.exitCode} before ${what}\nstdout: ${out}\nstderr: ${err}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout: ${out}\nstderr: ${err}`);
      await Bun.sleep(20);
    }
  };
  return { proc: p, until, out: () => out, err: () => err };
}

describe("kubectl logs", () => {
  test("prints the container's log; --tail and --timestamps cut and prefix it", async () => {
    expect(await c.k(["logs", "web"])).toBe("starting\nlistening on :80\nready\n");
    expect(await c.k(["logs", "pod/web", "--tail=1", "--timestamps"])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ready\n$/);
  });

  test("-f streams lines written later until it is stopped", async () => {
    const k = background(["logs", "-f", "web"]);
    await k.until("the existing log", (o) => o.includes("ready\n"));
    node.provider.addLog({ namespace: "default", name: "web" }, "app", "GET / 200");
    await k.until("the new line", (o) => o.endsWith("ready\nGET / 200\n"));
    k.proc.kill("SIGINT");
    await k.proc.exited;
  });

  test("a container that is still being created is reported as upstream reports it", async () => {
    await node.runningPod("pending");
    await node.reportStatus("default", "pending", { containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] });
    const r = await c.kubectl(["logs", "pending"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (BadRequest): container "app" in pod "pending" is waiting to start: ContainerCreating\n');
  });
});

describe("kubectl exec", () => {
  test('sh -c "exit 3" exits 3 with "command terminated with exit code 3"', async () => {
    const r = await c.kubectl(["exec", "web", "--", "sh", "-c", "exit 3"]);
    expect(r).toMatchObject({ code: 3, stdout: "", stderr: "command terminated with exit code 3\n" });
  });

  test("-i cat echoes stdin back", async () => {
    expect(await c.k(["exec", "-i", "web", "--", "cat"], { stdin: "hello through the tunnel\n" })).toBe("hello through the tunnel\n");
  });

  test("stdout and stderr arrive apart", async () => {
    const r = await c.kubectl(["exec", "web", "--", "sh", "-c", "echo out; echo err >&2"]);
    expect(r).toMatchObject({ code: 0, stdout: "out\n", stderr: "err\n" });
  });

  test("each kubectl from 1.30 to 1.33 runs exec over WebSocket v5", async () => {
    for (const version of ["1.30", "1.31", "1.32", "1.33"]) {
      const r = await c.kubectl(["exec", "web", "--", "sh", "-c", "echo v; exit 4"], { version });
      expect({ version, ...r }).toEqual({ version, code: 4, stdout: "v\n", stderr: "command terminated with exit code 4\n" });
    }
  });

  test("a pod no node runs yet, or whose node has no tunnel, is refused with the reason", async () => {
    for (const [name, nodeName] of [["unscheduled", undefined], ["elsewhere", "offline-node"]] as const) {
      await c.k(["create", "-f", "-"], { stdin: JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { nodeName, nodeSelector: { "kubun.test/nowhere": "true" }, containers: [{ name: "app", image: "busybox" }] } }) });
    }
    const unscheduled = await c.kubectl(["exec", "unscheduled", "--", "true"]);
    expect(unscheduled).toMatchObject({ code: 1, stderr: "Error from server (BadRequest): pod unscheduled does not have a host assigned\n" });
    const offline = await c.kubectl(["exec", "elsewhere", "--", "true"]);
    expect(offline).toMatchObject({ code: 1, stderr: 'Error from server (ServiceUnavailable): error dialing backend: node "offline-node" has no tunnel to the server (is its agent running?)\n' });
    expect(await c.k(["logs", "unscheduled"])).toBe("");
  });

  test("kubectl 1.29, which only speaks SPDY for exec, is told what the server needs", async () => {
    const r = await c.kubectl(["exec", "web", "--", "true"], { version: "1.29" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Upgrade required: kubun serves pods/exec only as a WebSocket with the subprotocol v5.channel.k8s.io");
  });
});

describe("kubectl port-forward", () => {
  test("a TCP connection to the local port reaches the pod's port 80 and back, with kubectl 1.31 to 1.33", async () => {
    for (const version of ["1.31", "1.32", "1.33"]) {
      const local = await freePort();
      const k = background(["port-forward", "pod/web", `${local}:80`], version);
      await k.until("the forwarding line", (o) => o.includes(`Forwarding from 127.0.0.1:${local} -> 80`));
      for (const message of ["first connection", "second connection"]) {
        const echoed = await new Promise<string>((resolve, reject) => {
          let got = "";
          const sock = net.connect({ host: "127.0.0.1", port: local }, () => sock.end(`${message} (${version})`));
          sock.on("data", (d) => (got += d.toString()));
          sock.on("end", () => resolve(got));
          sock.on("error", reject);
        });
        expect(echoed).toBe(`${message} (${version})`);
      }
      expect(k.err()).toBe("");
      k.proc.kill("SIGINT");
      await k.proc.exited;
    }
  });

  test("a port nothing listens on: kubectl prints the node's error for that connection", async () => {
    const local = await freePort();
    const k = background(["port-forward", "pod/web", `${local}:81`]);
    await k.until("the forwarding line", (o) => o.includes(`Forwarding from 127.0.0.1:${local} -> 81`));
    await new Promise<void>((resolve) => {
      const sock = net.connect({ host: "127.0.0.1", port: local });
      sock.on("close", () => resolve());
      sock.on("error", () => {});
    });
    await k.until("the node's error", () => k.err().includes("an error occurred forwarding"));
    expect(k.err()).toContain(`an error occurred forwarding ${local} -> 81: error forwarding port 81 to pod default/web, uid `);
    expect(k.err()).toContain("failed to connect to localhost:81 inside the pod: connection refused");
    k.proc.kill("SIGINT");
    await k.proc.exited;
  });
});

describe("kubectl attach", () => {
  test("-i sends stdin to the container's process and prints what it writes", async () => {
    const r = await c.kubectl(["attach", "-i", "web", "-c", "app"], { stdin: "typed into attach\n" });
    expect(r).toEqual({ code: 0, stdout: "typed into attach\n", stderr: "If you don't see a command prompt, try pressing enter.\n" });
  });

  test("run -i --rm: the pod becomes Running and Ready, kubectl attaches, then sees it Succeeded and deletes it", async () => {
    // A stand-in kubelet for this one pod: Running and Ready once created, Succeeded once
    // attached, gone once deletion is asked for.
    const stop = new AbortController();
    const kubelet = (async () => {
      let phase = "";
      while (!stop.signal.aborted) {
        const res = await c.fetch("/api/v1/namespaces/default/pods/tmp");
        const pod = res.ok ? ((await res.json()) as { metadata: { deletionTimestamp?: string } }) : undefined;
        const attached = node.provider.calls.some((x) => x.kind === "attach" && x.pod === "default/tmp");
        const now = new Date().toISOString();
        if (pod?.metadata.deletionTimestamp) {
          await node.creds.fetch(new Request(`${c.url}/api/v1/namespaces/default/pods/tmp?gracePeriodSeconds=0`, { method: "DELETE" }));
          return;
        } else if (pod && !phase) {
          phase = "Running";
          await node.reportStatus("default", "tmp", {
            phase,
            conditions: [{ type: "Ready", status: "True", lastTransitionTime: now }],
            containerStatuses: [{ name: "tmp", image: "busybox", imageID: "sim://busybox", containerID: "sim://tmp", ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } }],
          });
        } else if (attached && phase === "Running") {
          phase = "Succeeded";
          await node.reportStatus("default", "tmp", {
            phase,
            conditions: [{ type: "Ready", status: "False", lastTransitionTime: now }],
            containerStatuses: [{ name: "tmp", image: "busybox", imageID: "sim://busybox", containerID: "sim://tmp", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed", containerID: "sim://tmp" } } }],
          });
        }
        await Bun.sleep(50);
      }
    })();
    const overrides = JSON.stringify({ spec: { nodeName: "edge-1" } });
    const r = await c.kubectl(["run", "tmp", "-i", "--rm", "--restart=Never", "--image=busybox", `--overrides=${overrides}`], { stdin: "hello from run\n" });
    stop.abort();
    await kubelet;
    expect(r).toEqual({ code: 0, stdout: 'hello from run\npod "tmp" deleted\n', stderr: "If you don't see a command prompt, try pressing enter.\n" });
  });
});
