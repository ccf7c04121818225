// Registry authentication against the real docker-registry: htpasswd basic auth, and Docker
// Hub-style Bearer tokens from the fixture's token server. Needs root and the fixture packages.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { requireRoot } from "../../test/fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../../test/fixtures/registry.ts";
import { parseChallenge } from "./auth.ts";
import { ImageError } from "./errors.ts";
import { parseRegistries } from "./registries.ts";
import { openTestService } from "./testing.ts";

const amd64 = { os: "linux", architecture: "amd64" };
const creds = { username: "kubun", password: "s3cret" };
const configWith = (host: string, auth: string) => parseRegistries(`configs:\n  "${host}":\n    auth:\n${auth}`);

describe("WWW-Authenticate challenges", () => {
  test("Bearer with quoted parameters, commas and escapes", () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual({
      scheme: "bearer",
      params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/busybox:pull" },
    });
    expect(parseChallenge('bearer realm="a\\"b", error=insufficient_scope')?.params).toEqual({ realm: 'a"b', error: "insufficient_scope" });
  });

  test("Basic, and headers that are neither", () => {
    expect(parseChallenge('Basic realm="kubun-test"')).toEqual({ scheme: "basic", params: { realm: "kubun-test" } });
    expect(parseChallenge("Negotiate abc")).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });
});

describe("a registry with basic auth", () => {
  let registry: RegistryFixture;
  beforeAll(async () => {
    requireRoot("pulling images (agent/images/auth.test.ts)");
    registry = await startRegistry({ auth: creds });
  });
  afterAll(() => registry?.dispose());

  test("credentials from registries.yaml pull the image", async () => {
    const registries = configWith(registry.host, `      username: ${creds.username}\n      password: ${creds.password}\n`);
    await using t = await openTestService({ platform: amd64, registries });
    const img = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" });
    expect(img.rootfsLayers).toHaveLength(2);
  });

  test("without credentials the pull fails with ErrImagePull and the registry's unauthorized message", async () => {
    await using t = await openTestService({ platform: amd64 });
    const err = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect(err.reason).toBe("ErrImagePull");
    expect(err.message).toContain("unauthorized: authentication required");
  });

  test("a wrong password is unauthorized too; the base64 auth form works", async () => {
    await using wrong = await openTestService({ platform: amd64, registries: configWith(registry.host, `      username: kubun\n      password: nope\n`) });
    expect((await wrong.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e)).message).toContain("unauthorized");
    await using right = await openTestService({ platform: amd64, registries: configWith(registry.host, `      auth: ${btoa("kubun:s3cret")}\n`) });
    expect((await right.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" })).pulled).toBe(true);
  });

  test("imagePullSecrets credentials are used for the image's registry", async () => {
    await using t = await openTestService({ platform: amd64 });
    const secret = { auths: { [`http://${registry.host}`]: { auth: btoa("kubun:s3cret") } } };
    const img = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always", pullSecrets: [secret] });
    expect(img.pulled).toBe(true);
  });
});

describe("a registry with Bearer token auth", () => {
  let registry: RegistryFixture;
  let anonymous: RegistryFixture;
  beforeAll(async () => {
    requireRoot("pulling images (agent/images/auth.test.ts)");
    [registry, anonymous] = await Promise.all([startRegistry({ bearer: true, auth: creds }), startRegistry({ bearer: true })]);
  });
  afterAll(async () => {
    await registry?.dispose();
    await anonymous?.dispose();
  });

  test("an anonymous token is fetched from the challenge's realm when the repository is public", async () => {
    await using t = await openTestService({ platform: amd64 });
    const img = await t.images.ensureImage(`${anonymous.host}/busybox:multi`, { policy: "Always" });
    expect(img.pulled).toBe(true);
    const reqs = anonymous.tokenServer!.requests.filter((r) => r.scope === "repository:busybox:pull");
    expect(reqs.length).toBe(1); // one token, cached for the manifests and blobs that followed
    expect(reqs[0]).toMatchObject({ service: "kubun-test-registry", user: null });
  });

  test("a private repository answers unauthorized to an anonymous token", async () => {
    await using t = await openTestService({ platform: amd64 });
    const err = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e);
    expect(err).toMatchObject({ reason: "ErrImagePull" });
    expect(err.message).toContain("unauthorized: authentication required");
  });

  test("basic credentials from registries.yaml get a token with pull access", async () => {
    const registries = configWith(registry.host, `      username: ${creds.username}\n      password: ${creds.password}\n`);
    await using t = await openTestService({ platform: amd64, registries });
    expect((await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" })).pulled).toBe(true);
    expect(registry.tokenServer!.requests.at(-1)).toMatchObject({ user: "kubun", scope: "repository:busybox:pull", grantType: null });
  });

  test("wrong credentials are refused by the token endpoint with its message", async () => {
    await using t = await openTestService({ platform: amd64, registries: configWith(registry.host, `      username: kubun\n      password: wrong\n`) });
    const err = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e);
    expect(err.message).toContain("unauthorized: incorrect username or password");
  });

  test("an identity token is exchanged with grant_type=refresh_token", async () => {
    await using t = await openTestService({ platform: amd64, registries: configWith(registry.host, `      identitytoken: refresh-kubun\n`) });
    expect((await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" })).pulled).toBe(true);
    expect(registry.tokenServer!.requests.at(-1)).toMatchObject({ grantType: "refresh_token", scope: "repository:busybox:pull" });
  });
});
