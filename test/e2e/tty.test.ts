// tty containers on real pods: `kubun server` with its local agent, the real kubectl 1.33 on a
// terminal of its own (Bun.Terminal), as a user types: `kubectl run -it --rm` gets a shell whose
// output comes back and whose pod is deleted afterwards; `kubectl attach -it` reaches a running
// tty container. kubectl ≤ 1.29 cannot attach here (SPDY only). Needs root, runc,
// docker-registry, skopeo, umoci and busybox-static; fails (never skips) with the missing piece named.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { run } from "../fixtures/process.ts";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { kubectlPath, waitFor } from "./harness.ts";

let registry: RegistryFixture;
let c: LocalNode;

beforeAll(async () => {
  registry = await startRegistry();
  c = await startLocalNode();
}, 180_000);

afterAll(async () => {
  await stopLocalNode(c);
  await registry?.dispose();
}, 60_000);

/** kubectl 1.33 on a terminal: what it prints, a way to type, and its exit code. */
function kubectlOnTerminal(args: string[]) {
  let screen = "";
  const terminal = new Bun.Terminal({ cols: 100, rows: 30, data: (_t, d) => void (screen += new TextDecoder().decode(d)) });
  const proc = Bun.spawn([kubectlPath("1.33"), "--kubeconfig", c.kubeconfig, ...args], { terminal });
  return {
    screen: () => screen,
    type: (s: string) => terminal.write(s),
    exited: proc.exited.then((code) => {
      terminal.close();
      return code;
    }),
  };
}

test("kubectl run -it --rm gives a shell on a terminal, prints its output and deletes the pod afterwards", async () => {
  const k = kubectlOnTerminal(["run", "-it", "--rm", "t", `--image=${registry.host}/busybox:latest`, "--restart=Never", "--", "sh"]);
  await waitFor(`kubectl to attach (screen: ${JSON.stringify(k.screen())})`, () => (k.screen().includes("If you don't see a command prompt") ? true : undefined), 90_000);
  k.type("echo hi-$((40+2)); exit\r");
  expect(await k.exited).toBe(0);
  expect(k.screen()).toContain("hi-42");
  const gone = await c.kubectl(["get", "pod", "t"]);
  expect(gone.stderr).toContain('pods "t" not found');
}, 150_000);

test("kubectl attach -it reaches a running tty container's shell and its terminal size", async () => {
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "shell" }, spec: { restartPolicy: "Never", containers: [{ name: "sh", image: `${registry.host}/busybox:latest`, command: ["sh"], stdin: true, tty: true }] } };
  await c.k(["create", "-f", "-"], { stdin: JSON.stringify(pod) });
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/shell", "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod shell not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", "shell"])).stdout}`);
  const k = kubectlOnTerminal(["attach", "-it", "shell"]);
  await waitFor(`kubectl to attach (screen: ${JSON.stringify(k.screen())})`, () => (k.screen().includes("If you don't see a command prompt") ? true : undefined), 60_000);
  k.type("stty size; exit 3\r");
  await k.exited;
  expect(k.screen()).toContain("30 100");
  await waitFor("the pod to end with the shell's exit code", async () => ((await c.k(["get", "pod", "shell", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}"])) === "3" ? true : undefined), 30_000);
  await c.k(["delete", "pod", "shell"]);
}, 150_000);
