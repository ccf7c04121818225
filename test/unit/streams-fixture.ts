// A node for stream tests: joined with the server's token, its tunnel open to the server and
// served by a FakeStreamProvider, plus pods bound to it whose status the node reports. Used
// in process (pod-streams.test.ts) and against the built binary (test/e2e/streams.test.ts).

import type { Pod } from "kubernetes-types/core/v1";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { joinCluster, type NodeCredentials } from "../../agent/join/index.ts";
import { FakeStreamProvider, startTunnel, type TunnelClient } from "../../agent/tunnel/index.ts";
import { createLogger } from "../../shared/log.ts";

export interface StreamNode {
  name: string;
  creds: NodeCredentials;
  provider: FakeStreamProvider;
  tunnel: TunnelClient;
  /** A TCP echo server the provider forwards pod port 80 to. */
  echoPort: number;
  /** Create (as admin) a pod bound to this node and report it Running and Ready (as the node). */
  runningPod(name: string, opts?: { containers?: string[]; namespace?: string }): Promise<Pod>;
  /** Report a container status for a pod (as the node). */
  reportStatus(namespace: string, name: string, status: Pod["status"]): Promise<void>;
  stop(): Promise<void>;
}

export async function startStreamNode(opts: {
  server: string;
  joinToken: string;
  name: string;
  /** An admin request against the API (path relative to the server). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
}): Promise<StreamNode> {
  const dir = await mkdtemp(join(tmpdir(), "kubun-stream-node-"));
  const log = createLogger("error");
  const creds = await joinCluster({ server: opts.server, token: opts.joinToken, dataDir: dir, nodeName: opts.name, log });
  // The Node must exist, or the pod garbage collector removes its pods after its quarantine.
  const node = await creds.fetch(
    new Request(`${creds.server}/api/v1/nodes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name: opts.name } }) }),
  );
  if (node.status !== 201) throw new Error(`registering node ${opts.name}: ${node.status} ${await node.text()}`);
  const echo = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: { data: (sock, d) => void sock.write(d), end: (sock) => void sock.end() },
  });
  const provider = new FakeStreamProvider({ ports: { 80: echo.port } });
  const tunnel = startTunnel({ server: creds.server, token: () => creds.assertion(), ca: creds.serverCaPem, provider, log, backoff: { initialMs: 50, maxMs: 1000 } });
  await tunnel.whenConnected();

  const reportStatus = async (namespace: string, name: string, status: Pod["status"]) => {
    const res = await creds.fetch(
      new Request(`${creds.server}/api/v1/namespaces/${namespace}/pods/${name}/status`, {
        method: "PATCH",
        headers: { "content-type": "application/merge-patch+json" },
        body: JSON.stringify({ status }),
      }),
    );
    if (!res.ok) throw new Error(`status of pod ${namespace}/${name} as node ${opts.name}: ${res.status} ${await res.text()}`);
  };

  return {
    name: opts.name,
    creds,
    provider,
    tunnel,
    echoPort: echo.port,
    reportStatus,
    async runningPod(name, o = {}) {
      const namespace = o.namespace ?? "default";
      const containers = o.containers ?? ["app"];
      const res = await opts.admin("POST", `/api/v1/namespaces/${namespace}/pods`, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { nodeName: opts.name, containers: containers.map((c) => ({ name: c, image: "busybox" })) },
      });
      if (res.status !== 201) throw new Error(`creating pod ${name}: ${res.status} ${await res.text()}`);
      const now = new Date().toISOString();
      await reportStatus(namespace, name, {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True", lastTransitionTime: now }],
        containerStatuses: containers.map((c) => ({
          name: c,
          image: "busybox",
          imageID: "sim://busybox",
          containerID: `sim://${name}-${c}`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: now } },
        })),
      });
      return (await (await opts.admin("GET", `/api/v1/namespaces/${namespace}/pods/${name}`)).json()) as Pod;
    },
    async stop() {
      await tunnel.stop();
      echo.stop(true);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A WebSocket v5.channel.k8s.io client, as kubectl exec speaks it: messages per channel, the status, the close. */
export async function execOverWebSocket(url: string, opts: { token: string; ca: string; stdin?: string[]; closeStdin?: boolean; resize?: { width: number; height: number }; protocol?: string }) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${opts.token}` }, tls: { ca: opts.ca }, protocols: [opts.protocol ?? "v5.channel.k8s.io"] });
  ws.binaryType = "arraybuffer";
  const out: Record<number, string> = {};
  let protocol = "";
  const closed = new Promise<{ code: number }>((resolve, reject) => {
    ws.onopen = () => {
      protocol = ws.protocol;
      const enc = new TextEncoder();
      if (opts.resize) ws.send(Uint8Array.from([4, ...enc.encode(JSON.stringify({ Width: opts.resize.width, Height: opts.resize.height }))]));
      for (const s of opts.stdin ?? []) ws.send(Uint8Array.from([0, ...enc.encode(s)]));
      if (opts.closeStdin) ws.send(Uint8Array.of(255, 0));
    };
    ws.onmessage = (e) => {
      const b = new Uint8Array(e.data as ArrayBuffer);
      out[b[0]!] = (out[b[0]!] ?? "") + new TextDecoder().decode(b.subarray(1));
    };
    ws.onerror = (e) => reject(new Error((e as ErrorEvent).message));
    ws.onclose = (e) => resolve({ code: e.code });
  });
  const { code } = await closed;
  return { protocol, out, status: out[3] ? JSON.parse(out[3]) : undefined, closeCode: code };
}
