// Lifecycle hooks on real pods: `kubun server` with its local agent (runc, the bridge network,
// the loopback registry's busybox), driven by the real kubectl. preStop runs before SIGTERM on
// deletion (exec in the container, httpGet from the node), a failing one is a FailedPreStopHook
// event, postStart runs after the start. Needs root, runc, docker-registry, skopeo, umoci and
// busybox-static; fails (never skips) with the missing piece named.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { waitFor } from "./harness.ts";

let registry: RegistryFixture;
let c: LocalNode;
let shared: string;

beforeAll(async () => {
  registry = await startRegistry();
  c = await startLocalNode();
  shared = mkdtempSync(join(tmpdir(), "kubun-hooks-"));
}, 180_000);

afterAll(async () => {
  await stopLocalNode(c);
  await registry?.dispose();
  if (shared) rmSync(shared, { recursive: true, force: true });
}, 60_000);

/** A pod whose container appends "TERM" to /shared/<name> when SIGTERM comes, then exits 0. */
function hookPod(name: string, lifecycle: object) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 10,
      volumes: [{ name: "shared", hostPath: { path: shared } }],
      containers: [{
        name: "app",
        image: `${registry.host}/busybox:latest`,
        command: ["sh", "-c", `trap 'echo TERM >> /shared/${name}; exit 0' TERM; echo up; sleep 3600 & wait`],
        volumeMounts: [{ name: "shared", mountPath: "/shared" }],
        lifecycle,
      }],
    },
  };
}

async function runningPod(pod: { metadata: { name: string } }) {
  await c.k(["create", "-f", "-"], { stdin: JSON.stringify(pod) });
  const ready = await c.kubectl(["wait", "--for=condition=Ready", `pod/${pod.metadata.name}`, "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod ${pod.metadata.name} not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", pod.metadata.name])).stdout}`);
  await waitFor("the container's trap to be set", async () => ((await c.kubectl(["logs", pod.metadata.name])).stdout.includes("up") ? true : undefined));
}

const shared_ = (name: string) => (existsSync(join(shared, name)) ? readFileSync(join(shared, name), "utf8") : "");

test("kubectl delete runs the preStop exec hook in the container before SIGTERM", async () => {
  await runningPod(hookPod("stop-exec", { preStop: { exec: { command: ["sh", "-c", "echo hook >> /shared/stop-exec"] } } }));
  await c.k(["delete", "pod", "stop-exec"]);
  expect(shared_("stop-exec")).toBe("hook\nTERM\n");
}, 120_000);

test("a preStop httpGet hook is a request from the node before SIGTERM", async () => {
  const requests: string[] = [];
  using server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (req) => (requests.push(new URL(req.url).pathname), new Response("ok")) });
  await runningPod(hookPod("stop-http", { preStop: { httpGet: { host: "127.0.0.1", port: server.port, path: "/drain" } } }));
  await c.k(["delete", "pod", "stop-http"]);
  expect(requests).toEqual(["/drain"]);
  expect(shared_("stop-http")).toBe("TERM\n");
}, 120_000);

test("a failing preStop hook is a FailedPreStopHook warning and the container still stops on SIGTERM", async () => {
  await runningPod(hookPod("stop-fail", { preStop: { exec: { command: ["sh", "-c", "exit 1"] } } }));
  await c.k(["delete", "pod", "stop-fail"]);
  expect(shared_("stop-fail")).toBe("TERM\n");
  const events = await waitFor("the FailedPreStopHook event", async () => {
    const out = await c.k(["get", "events", "--field-selector", "reason=FailedPreStopHook,involvedObject.name=stop-fail", "-o", "jsonpath={range .items[*]}{.type} {.involvedObject.fieldPath} {.message}{\"\\n\"}{end}"]);
    return out ? out : undefined;
  });
  expect(events).toBe("Warning spec.containers{app} PreStopHook failed\n");
}, 120_000);

test("postStart runs in the container after it starts", async () => {
  const pod = hookPod("start-exec", { postStart: { exec: { command: ["sh", "-c", "echo post-start >> /shared/start-exec"] } } });
  await runningPod(pod);
  await waitFor("the postStart hook's line", () => (shared_("start-exec").includes("post-start") ? true : undefined));
  await c.k(["delete", "pod", "start-exec"]);
  expect(shared_("start-exec")).toBe("post-start\nTERM\n");
}, 120_000);
