// Real pods: `kubun server` WITH its local agent (runc, the bridge network, images pulled from a
// loopback registry holding the fixture's busybox), driven by the real kubectl: run, wait Ready,
// logs, exec with an exit code, the pod IP from the node's pod CIDR, delete leaving no runc
// container. Needs root, runc, docker-registry, skopeo, umoci and busybox-static; fails (never
// skips) with the missing piece named. The agent works in this machine's network namespace:
// the bridge kubun0 and kubun's iptables chains are removed afterwards.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { freePort, kubectlPath, waitFor } from "./harness.ts";

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

test("a busybox pod from a loopback registry runs, logs, execs, has a pod IP, survives a server restart and is deleted without leftovers", async () => {
  const image = `${registry.host}/busybox:latest`;
  await c.k(["run", "bb", `--image=${image}`, "--command", "--", "sh", "-c", "echo hello; sleep 3600"]);
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/bb", "--timeout=90s"]);
  if (ready.code !== 0) {
    const describe = await c.kubectl(["describe", "pod", "bb"]);
    throw new Error(`pod bb not Ready: ${ready.stderr}\n${describe.stdout}\nserver output:\n${c.logs()}`);
  }
  await waitFor("kubectl logs bb to print hello", async () => ((await c.kubectl(["logs", "bb"])).stdout === "hello\n" ? true : undefined));

  const exec = await c.kubectl(["exec", "bb", "--", "sh", "-c", "echo out; exit 3"]);
  expect(exec.code).toBe(3);
  expect(exec.stdout).toBe("out\n");

  const wide = await c.k(["get", "pod", "bb", "-o", "wide"]);
  expect(wide).toMatch(/\b10\.42\.\d+\.\d+\b/);
  expect(await c.runcList()).toHaveLength(1);

  // A restarted server (and so its local agent) adopts the running container: not restarted.
  const before = await c.runcList();
  await c.restart();
  await waitFor("pod bb Ready again after the restart", async () => {
    const r = await c.kubectl(["get", "pod", "bb", "-o", "jsonpath={.status.conditions[?(@.type=='Ready')].status} {.status.containerStatuses[0].restartCount}"]);
    return r.stdout === "True 0" ? true : undefined;
  }, 60_000);
  expect(await c.runcList()).toEqual(before);
  expect((await c.kubectl(["exec", "bb", "--", "cat", "/proc/1/cmdline"])).stdout).toContain("sleep");

  await c.k(["delete", "pod", "bb", "--grace-period=1", "--timeout=60s"]);
  expect((await c.kubectl(["get", "pod", "bb"])).code).toBe(1);
  await waitFor("no runc container left", async () => ((await c.runcList()).length === 0 ? true : undefined));
}, 180_000);

test("a web pod answers on its pod IP from the node and through kubectl port-forward; exec -i reads stdin", async () => {
  const image = `${registry.host}/busybox:latest`;
  await c.k(["run", "web", `--image=${image}`, "--command", "--", "sh", "-c", "mkdir -p /www && echo hi from web > /www/index.html && exec httpd -f -p 8080 -h /www"]);
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/web", "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod web not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", "web"])).stdout}`);
  const ip = await c.k(["get", "pod", "web", "-o", "jsonpath={.status.podIP}"]);
  expect(ip).toMatch(/^10\.42\.\d+\.\d+$/);
  const direct = await waitFor(`http://${ip}:8080/ from the node`, async () => {
    const r = await fetch(`http://${ip}:8080/index.html`).catch(() => undefined);
    return r?.ok ? r.text() : undefined;
  });
  expect(direct).toBe("hi from web\n");

  const local = await freePort();
  const pf = Bun.spawn([kubectlPath(), "--kubeconfig", c.kubeconfig, "port-forward", "pod/web", `${local}:8080`], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: c.dir } });
  try {
    const forwarded = await waitFor(`kubectl port-forward to 127.0.0.1:${local}`, async () => {
      const r = await fetch(`http://127.0.0.1:${local}/index.html`).catch(() => undefined);
      return r?.ok ? r.text() : undefined;
    });
    expect(forwarded).toBe("hi from web\n");
  } finally {
    pf.kill("SIGINT");
    await pf.exited;
  }

  const cat = await c.kubectl(["exec", "-i", "web", "--", "cat"], { stdin: "through stdin\n" });
  expect(cat).toMatchObject({ code: 0, stdout: "through stdin\n" });
  await c.k(["delete", "pod", "web", "--grace-period=1", "--timeout=60s"]);
  await waitFor("no runc container left", async () => ((await c.runcList()).length === 0 ? true : undefined));
}, 180_000);

test("env comes from a ConfigMap (envFrom) and a Secret (secretKeyRef) the agent reads with its node identity", async () => {
  await c.k(["create", "configmap", "app-config", "--from-literal=GREETING=hello from a configmap"]);
  await c.k(["create", "secret", "generic", "app-secret", "--from-literal=password=s3cret"]);
  const manifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "envpod" },
    spec: {
      restartPolicy: "Never",
      containers: [{
        name: "app",
        image: `${registry.host}/busybox:latest`,
        command: ["sh", "-c", 'echo "$GREETING / $PASSWORD"'],
        envFrom: [{ configMapRef: { name: "app-config" } }],
        env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "app-secret", key: "password" } } }],
      }],
    },
  };
  await c.k(["apply", "-f", "-"], { stdin: JSON.stringify(manifest) });
  const done = await c.kubectl(["wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/envpod", "--timeout=90s"]);
  if (done.code !== 0) throw new Error(`pod envpod did not succeed: ${done.stderr}\n${(await c.kubectl(["describe", "pod", "envpod"])).stdout}`);
  expect(await c.k(["logs", "envpod"])).toBe("hello from a configmap / s3cret\n");
  await c.k(["delete", "pod", "envpod", "--timeout=60s"]);
}, 180_000);

test("a readiness exec probe holds Ready until the file exists; a failing liveness probe restarts the container with Unhealthy events", async () => {
  const manifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "probed" },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{
        name: "app",
        image: `${registry.host}/busybox:latest`,
        command: ["sh", "-c", "touch /tmp/alive; exec sleep 3600"],
        readinessProbe: { exec: { command: ["test", "-f", "/tmp/ready"] }, periodSeconds: 1 },
        livenessProbe: { exec: { command: ["cat", "/tmp/alive"] }, periodSeconds: 1, failureThreshold: 2, terminationGracePeriodSeconds: 1 },
      }],
    },
  };
  await c.k(["apply", "-f", "-"], { stdin: JSON.stringify(manifest) });
  const field = async (path: string) => (await c.kubectl(["get", "pod", "probed", "-o", `jsonpath=${path}`])).stdout;
  await waitFor("container app running", async () => ((await field("{.status.containerStatuses[0].state.running.startedAt}")) ? true : undefined), 90_000);
  await Bun.sleep(3000);
  expect(await field("{.status.conditions[?(@.type=='Ready')].status}")).toBe("False");
  expect(await field("{.status.containerStatuses[0].ready}")).toBe("false");

  await c.k(["exec", "probed", "--", "touch", "/tmp/ready"]);
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/probed", "--timeout=60s"]);
  if (ready.code !== 0) throw new Error(`pod probed not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", "probed"])).stdout}`);

  await c.k(["exec", "probed", "--", "rm", "/tmp/alive"]);
  await waitFor("restartCount ≥ 1 after the liveness probe failed", async () => (Number(await field("{.status.containerStatuses[0].restartCount}")) >= 1 ? true : undefined), 120_000);
  const describe = await c.k(["describe", "pod", "probed"]);
  expect(describe).toContain("Unhealthy");
  expect(describe).toContain("Liveness probe failed");
  expect(describe).toContain("Container app failed liveness probe, will be restarted");
  expect(describe).toContain("Started container app");
  await c.k(["delete", "pod", "probed", "--grace-period=1", "--timeout=60s"]);
  await waitFor("no runc container left", async () => ((await c.runcList()).length === 0 ? true : undefined));
}, 240_000);
