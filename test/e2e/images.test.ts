// Image pulls as the kubelet reports them, through `kubun server` with its local agent (runc) and
// the real kubectl: Pulling/Pulled events, ErrImagePull then ImagePullBackOff with the
// registry's reason, ErrImageNeverPull, an air-gapped tarball dropped into the images dir while
// the agent runs, and a registry behind basic auth (credentials from registries.yaml given to the
// server, from an imagePullSecret, and none). Needs root, runc, docker-registry, skopeo, umoci
// and busybox-static; fails (never skips) with the missing piece named.
//
// Platform selection (an OCI index and a Docker manifest list with linux/amd64 and linux/arm64
// entries) is covered against the same registry fixture by agent/images/pull.test.ts.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../fixtures/process.ts";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { waitFor } from "./harness.ts";

const CREDS = { username: "puller", password: "s3cret-pw" };

let registry: RegistryFixture;
let secured: RegistryFixture;
let c: LocalNode;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "kubun-images-e2e-"));
  registry = await startRegistry();
  secured = await startRegistry({ auth: CREDS, images: registry.images });
  // Credentials for the secured registry as 127.0.0.1:PORT only: the same registry named
  // localhost:PORT gets none from this file (imagePullSecrets, or nothing).
  const registriesYaml = join(tmp, "registries.yaml");
  writeFileSync(registriesYaml, `configs:\n  "${secured.host}":\n    auth:\n      username: ${CREDS.username}\n      password: ${CREDS.password}\n`);
  // A 4 s back-off cap: ErrImageNeverPull is retried every 4 s, not 10 s.
  c = await startLocalNode(["--registry-config", registriesYaml, "--container-backoff-max", "4s"]);
}, 240_000);

afterAll(async () => {
  await stopLocalNode(c);
  await secured?.dispose();
  await registry?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 90_000);

const SLEEP = ["--command", "--", "sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];

async function runPod(name: string, image: string, extra: string[] = []) {
  await c.k(["run", name, `--image=${image}`, ...extra, ...SLEEP]);
}

async function describe(name: string): Promise<string> {
  return (await c.kubectl(["describe", "pod", name])).stdout;
}

/** Waits until the pod's first container is waiting with `reason`; returns its message. */
async function waitingFor(name: string, reason: string, timeoutMs = 60_000): Promise<string> {
  return waitFor(`pod ${name} waiting with ${reason}`, async () => {
    const r = await c.kubectl(["get", "pod", name, "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}|{.status.containerStatuses[0].state.waiting.message}"]);
    const [got, message] = r.stdout.split("|");
    if (got === reason) return message ?? "";
    await Bun.sleep(250); // each poll is a kubectl process: spare the CPU
    return undefined;
  }, timeoutMs);
}

async function waitReady(name: string) {
  const ready = await c.kubectl(["wait", "--for=condition=Ready", `pod/${name}`, "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod ${name} not Ready: ${ready.stderr}\n${await describe(name)}\nserver output:\n${c.logs().slice(-4000)}`);
}

/** Waits until `kubectl describe` shows every one of `texts` (events are written in the background). */
async function describeShows(name: string, texts: (string | RegExp)[]): Promise<string> {
  let last = "";
  try {
    return await waitFor(`kubectl describe pod ${name} to show ${texts.join(" / ")}`, async () => {
      last = await describe(name);
      if (texts.every((t) => (typeof t === "string" ? last.includes(t) : t.test(last)))) return last;
      await Bun.sleep(250);
      return undefined;
    }, 30_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nlast describe:\n${last}`);
  }
}

test("a missing image is ErrImagePull, then ImagePullBackOff; describe shows Failed and BackOff with the registry's reason", async () => {
  const image = `${registry.host}/busybox:does-not-exist`;
  await runPod("missing", image);
  const message = await waitingFor("missing", "ImagePullBackOff");
  expect(message).toStartWith(`Back-off pulling image "${image}": ErrImagePull: `);
  expect(message).toContain("manifest unknown");
  expect((await c.k(["get", "pod", "missing"])).split("\n")[1]).toMatch(/^missing\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s/);
  const text = await describeShows("missing", [
    `Pulling image "${image}"`,
    `Failed to pull image "${image}": `,
    "manifest unknown",
    "Error: ErrImagePull",
    `Back-off pulling image "${image}"`,
    "Error: ImagePullBackOff",
  ]);
  expect(text).toMatch(/Warning\s+Failed\s+.*kubelet\s+Failed to pull image/);
  expect(text).toMatch(/Normal\s+BackOff\s+.*kubelet\s+Back-off pulling image/);
  // The involved object names the container as upstream's kubelet does.
  const events = JSON.parse(await c.k(["get", "events", "-o", "json"])) as { items: { reason: string; involvedObject: { name: string; fieldPath?: string } }[] };
  const failed = events.items.filter((e) => e.involvedObject.name === "missing" && e.reason === "Failed");
  expect(failed.map((e) => e.involvedObject.fieldPath)).toContain("spec.containers{missing}");
  await c.k(["delete", "pod", "missing", "--grace-period=1"]);
}, 120_000);

test("a running pod's describe shows Pulling and Pulled with size and time; IfNotPresent with the image there shows it already present", async () => {
  const image = `${registry.host}/busybox:latest`;
  await runPod("pulled", image);
  await waitReady("pulled");
  await describeShows("pulled", [
    `Pulling image "${image}"`,
    new RegExp(`Successfully pulled image "${image.replaceAll(".", "\\.")}" in [0-9.]+m?s \\([0-9.]+m?s including waiting\\)\\. Image size: \\d+ bytes\\.`),
    "Created container pulled",
    "Started container pulled",
  ]);
  await runPod("present", image, ["--image-pull-policy=IfNotPresent"]);
  await waitReady("present");
  const text = await describeShows("present", [`Container image "${image}" already present on machine`]);
  expect(text).not.toContain("Pulling image");
  await c.k(["delete", "pod", "pulled", "present", "--grace-period=1"]);
}, 120_000);

test("imagePullPolicy Never: ErrImageNeverPull until a tarball dropped into <data-dir>/agent/images/ brings the image, then the pod runs", async () => {
  const image = "airgap/busybox:v1";
  await runPod("airgapped", image, ["--image-pull-policy=Never"]);
  const message = await waitingFor("airgapped", "ErrImageNeverPull");
  expect(message).toBe(`Container image "${image}" is not present with pull policy of Never`);
  await describeShows("airgapped", [`Container image "${image}" is not present with pull policy of Never`, "Error: ErrImageNeverPull"]);

  // A `docker save`-style archive of the registry's busybox under a name no registry serves,
  // moved into place whole (the importer also waits for a copy in progress to settle).
  const archive = join(tmp, "airgap.tar");
  await run(["skopeo", "copy", "--quiet", "--src-tls-verify=false", `docker://${registry.host}/busybox:latest`, `docker-archive:${archive}:${image}`]);
  const imagesDir = join(c.dir, "data/agent/images");
  renameSync(archive, join(imagesDir, "airgap.tar"));
  const imported = () => {
    try {
      return readFileSync(join(imagesDir, "imported.json"), "utf8").includes("airgap.tar") ? true : undefined;
    } catch {
      return undefined; // not written before the first import
    }
  };
  await waitFor(`the tarball to be imported (server output:\n${c.logs().slice(-2000)})`, imported, 30_000);
  await waitReady("airgapped");
  await describeShows("airgapped", [`Container image "${image}" already present on machine`, "Started container airgapped"]);
  await c.k(["delete", "pod", "airgapped", "--grace-period=1"]);
}, 150_000);

test("a registry behind basic auth: credentials from registries.yaml or an imagePullSecret pull; none is unauthorized", async () => {
  await runPod("auth-config", `${secured.host}/busybox:latest`);
  await waitReady("auth-config");

  const port = secured.host.split(":")[1];
  const anonymous = `localhost:${port}/busybox:latest`;
  await runPod("auth-none", anonymous);
  const message = await waitingFor("auth-none", "ImagePullBackOff");
  expect(message).toContain("unauthorized");
  await describeShows("auth-none", [`Failed to pull image "${anonymous}": `, "unauthorized: authentication required"]);

  await c.k(["create", "secret", "docker-registry", "regcred", `--docker-server=localhost:${port}`, `--docker-username=${CREDS.username}`, `--docker-password=${CREDS.password}`]);
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "auth-secret" },
    spec: {
      imagePullSecrets: [{ name: "regcred" }],
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "main", image: anonymous, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"] }],
    },
  };
  await c.k(["apply", "-f", "-"], { stdin: JSON.stringify(pod) });
  await waitReady("auth-secret");
  await describeShows("auth-secret", [`Successfully pulled image "${anonymous}"`]);
  await c.k(["delete", "pod", "auth-config", "auth-none", "auth-secret", "--grace-period=1"]);
}, 150_000);
