import { describe, expect, test } from "bun:test";
import type { Container, Pod, Secret } from "kubernetes-types/core/v1";
import { ImageError } from "./errors.ts";
import { neverPullError } from "./policy.ts";
import { parseReference } from "./reference.ts";
import { ImagePuller, RECHECK_MS, type ImageEnsurer, type PullEvent, type ResolvedImage } from "./puller.ts";
import type { DockerConfig } from "./pull-secrets.ts";

const pod: Pod = { metadata: { name: "p", namespace: "ns", uid: "u" }, spec: { containers: [], imagePullSecrets: [{ name: "creds" }, { name: "missing" }] } };
const container = (c: Partial<Container> = {}): Container => ({ name: "c", image: "reg:5000/app:v1", ...c });
const img = (extra: Partial<ResolvedImage> = {}): ResolvedImage => ({ rootfsLayers: [], repoDigest: "reg:5000/app@sha256:1", config: { env: [], entrypoint: [], cmd: [], workingDir: "", user: "", exposedPorts: [], labels: {} }, ...extra });

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: ImageError) => e);

function setup(ensure: ImageEnsurer["ensureImage"], secrets: Record<string, Secret> = {}) {
  let now = 1_000_000;
  const events: PullEvent[] = [];
  const puller = new ImagePuller({
    images: { ensureImage: ensure },
    backoffMs: (n) => Math.min(300_000, 10_000 * 2 ** n),
    event: (e) => events.push(e),
    secret: async (_ns, name) => secrets[name],
    now: () => now,
  });
  const text = () => events.splice(0).map((e) => `${e.type} ${e.reason}: ${e.message}`);
  return { puller, text, advance: (ms: number) => (now += ms) };
}

describe("the kubelet's image pulls", () => {
  test("a pull is Pulling then Pulled with size and times; a present image is already present", async () => {
    const t = setup(async (_image, opts) => {
      if (opts.policy === "IfNotPresent") return img({ pulled: false });
      opts.onPull?.();
      return img({ pulled: true, size: 2144, durationMs: 1234, totalMs: 1500 });
    });
    await t.puller.ensure(pod, container({ imagePullPolicy: "Always" }));
    expect(t.text()).toEqual(['Normal Pulling: Pulling image "reg:5000/app:v1"', 'Normal Pulled: Successfully pulled image "reg:5000/app:v1" in 1.234s (1.5s including waiting). Image size: 2144 bytes.']);
    await t.puller.ensure(pod, container());
    expect(t.text()).toEqual(['Normal Pulled: Container image "reg:5000/app:v1" already present on machine']);
  });

  test("a failed pull is ErrImagePull with the registry's reason, then ImagePullBackOff until 10 s, 20 s, … have passed", async () => {
    let calls = 0;
    const t = setup(async (image, opts) => {
      calls++;
      opts.onPull?.();
      throw new ImageError("ErrImagePull", `failed to pull and unpack image "${image}": manifest unknown: manifest unknown`);
    });
    const first = await t.puller.ensure(pod, container()).catch((e: ImageError) => e);
    expect(first).toMatchObject({ reason: "ErrImagePull", message: 'failed to pull and unpack image "reg:5000/app:v1": manifest unknown: manifest unknown', retryInMs: RECHECK_MS });
    expect(t.text()).toEqual([
      'Normal Pulling: Pulling image "reg:5000/app:v1"',
      'Warning Failed: Failed to pull image "reg:5000/app:v1": failed to pull and unpack image "reg:5000/app:v1": manifest unknown: manifest unknown',
      "Warning Failed: Error: ErrImagePull",
    ]);
    t.advance(RECHECK_MS);
    const backoff = await t.puller.ensure(pod, container()).catch((e: ImageError) => e);
    expect(backoff).toMatchObject({
      reason: "ImagePullBackOff",
      message: 'Back-off pulling image "reg:5000/app:v1": ErrImagePull: failed to pull and unpack image "reg:5000/app:v1": manifest unknown: manifest unknown',
      retryInMs: 9000,
    });
    expect(t.text()).toEqual(['Normal BackOff: Back-off pulling image "reg:5000/app:v1"', "Warning Failed: Error: ImagePullBackOff"]);
    expect(calls).toBe(1);
    t.advance(9000);
    await t.puller.ensure(pod, container()).catch(() => {});
    expect(calls).toBe(2);
    t.advance(19_999);
    expect(await failure(t.puller.ensure(pod, container()))).toMatchObject({ reason: "ImagePullBackOff" });
    t.advance(1);
    expect(await failure(t.puller.ensure(pod, container()))).toMatchObject({ reason: "ErrImagePull" });
    expect(calls).toBe(3);
  });

  test("Never with the image absent is ErrImageNeverPull with upstream's message, asked again later", async () => {
    const t = setup(async (image) => {
      throw neverPullError(image);
    });
    const err = await t.puller.ensure(pod, container({ imagePullPolicy: "Never" })).catch((e: ImageError) => e);
    expect(err).toMatchObject({ reason: "ErrImageNeverPull", message: 'Container image "reg:5000/app:v1" is not present with pull policy of Never', retryInMs: 10_000 });
    expect(t.text()).toEqual(['Warning ErrImageNeverPull: Container image "reg:5000/app:v1" is not present with pull policy of Never', "Warning Failed: Error: ErrImageNeverPull"]);
  });

  test("an unparsable image is InvalidImageName with an InspectFailed event", async () => {
    const t = setup(async (image) => {
      parseReference(image);
      return img();
    });
    const err = await failure(t.puller.ensure(pod, container({ image: "Bad/Name" })));
    expect(err).toMatchObject({ reason: "InvalidImageName", retryInMs: 10_000 });
    expect(t.text()).toEqual([`Warning InspectFailed: ${err!.message}`, "Warning Failed: Error: InvalidImageName"]);
  });

  test("imagePullSecrets of type dockerconfigjson are passed on; missing ones are skipped", async () => {
    const config = { auths: { "reg:5000": { username: "u", password: "p" } } };
    const secret: Secret = { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": btoa(JSON.stringify(config)) } };
    let seen: readonly DockerConfig[] | undefined;
    const t = setup(async (_image, opts) => {
      seen = opts.pullSecrets;
      return img();
    }, { creds: secret });
    await t.puller.ensure(pod, container());
    expect(seen).toEqual([config]);
  });

  test("the default policy follows the tag: Always for :latest or none, IfNotPresent otherwise", async () => {
    const policies: string[] = [];
    const t = setup(async (_image, opts) => {
      policies.push(opts.policy);
      return img();
    });
    for (const image of ["app", "app:latest", "app:v1", "app@sha256:" + "a".repeat(64)]) await t.puller.ensure(pod, container({ image }));
    expect(policies).toEqual(["Always", "Always", "IfNotPresent", "IfNotPresent"]);
  });
});
