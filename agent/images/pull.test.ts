// Pulls from a real docker-registry on loopback (test/fixtures/registry.ts). Needs root (layer
// owners, overlay whiteouts) and the Debian packages docker-registry, umoci, skopeo, busybox-static.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { requireRoot, run } from "../../test/fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../../test/fixtures/registry.ts";
import { ImageError } from "./errors.ts";
import { parseRegistries } from "./registries.ts";
import { blobRequests, openTestService } from "./testing.ts";
import { OPAQUE_XATTR } from "./unpack.ts";
import { lgetxattr } from "./sys.ts";

let registry: RegistryFixture;

beforeAll(async () => {
  requireRoot("pulling images (agent/images/pull.test.ts)");
  registry = await startRegistry();
});
afterAll(() => registry?.dispose());

const amd64 = { os: "linux", architecture: "amd64" };

describe("pulling from a registry on loopback", () => {
  test("busybox is pulled over plain HTTP, its layers unpacked once with overlay whiteouts, and it runs from an overlay mount", async () => {
    await using t = await openTestService({ platform: amd64 });
    const img = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "IfNotPresent" });
    expect(img.pulled).toBe(true);
    expect(img.ref).toBe(`${registry.host}/busybox:latest`);
    expect(img.imageId).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(img.repoDigest).toMatch(new RegExp(`^${registry.host}/busybox@sha256:`));
    expect(img.config).toMatchObject({ cmd: ["/bin/sh"], env: ["PATH=/bin"], workingDir: "/" });
    expect(img.rootfsLayers).toHaveLength(2);
    expect(img.size).toBeGreaterThan(900_000);
    const [bottom, top] = img.rootfsLayers as [string, string];
    expect(lstatSync(join(bottom, "bin/busybox")).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(bottom, "tmp")).mode & 0o7777).toBe(0o1777);
    const wh = lstatSync(join(top, "etc/removed-later"));
    expect(wh.isCharacterDevice() && wh.rdev === 0).toBe(true);
    expect(lstatSync(join(top, "opt/data/a")).isCharacterDevice()).toBe(true);
    expect(lgetxattr(join(top, "opt/data"), OPAQUE_XATTR)).toBeUndefined();

    const merged = join(t.dataDir, "merged");
    mkdirSync(merged);
    await run(["mount", "-t", "overlay", "overlay", "-o", `lowerdir=${[...img.rootfsLayers].reverse().join(":")}`, merged]);
    try {
      expect(existsSync(join(merged, "etc/removed-later"))).toBe(false);
      expect(readdirSync(join(merged, "opt/data"))).toEqual(["c"]);
      const { stdout } = await run(["chroot", merged, "/bin/sh", "-c", "echo hello from $(head -c 4 /etc/passwd.hardlink)"]);
      expect(stdout).toStartWith("hello from root");
    } finally {
      await run(["umount", merged]);
    }
  });

  test("an OCI index and a Docker manifest list resolve to amd64, or to arm64 when that platform is asked for", async () => {
    await using t = await openTestService({ platform: amd64 });
    const latest = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" });
    const arm = await t.images.ensureImage(`${registry.host}/busybox:arm64`, { policy: "Always" });
    for (const tag of ["multi", "multi-v2s2"]) {
      const x86 = await t.images.ensureImage(`${registry.host}/busybox:${tag}`, { policy: "Always" });
      expect(x86.imageId).toBe(latest.imageId);
      const a64 = await t.images.ensureImage(`${registry.host}/busybox:${tag}`, { policy: "Always", platform: "linux/arm64/v8" });
      expect(a64.imageId).toBe(arm.imageId);
      expect(t.images.store.get(a64.imageId)!.platform).toEqual({ os: "linux", architecture: "arm64" });
      expect(a64.repoDigest).not.toBe(arm.repoDigest); // the index's digest, not the manifest's
    }
    const err = await t.images.ensureImage(`${registry.host}/busybox:multi`, { policy: "Always", platform: "linux/s390x" }).catch((e) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect(err.message).toContain("no match for platform linux/s390x");
    expect(err.message).toContain("(it has linux/amd64, linux/arm64)");
  });

  test.each(["zstd", "plain", "v2s2"])("layers of busybox:%s unpack to the same diffIDs as the gzip image", async (tag) => {
    await using t = await openTestService({ platform: amd64 });
    const img = await t.images.ensureImage(`${registry.host}/busybox:${tag}`, { policy: "Always" });
    await using ref = await openTestService({ platform: amd64 });
    const gz = await ref.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" });
    expect(img.rootfsLayers.map((p) => p.split("/").pop())).toEqual(gz.rootfsLayers.map((p) => p.split("/").pop()));
    expect(readFileSync(join(img.rootfsLayers[1]!, "opt/data/c"), "utf8")).toBe("c\n");
  });

  test("two concurrent pulls of one image share one download; a second image reuses the unpacked layers", async () => {
    await using t = await openTestService({ platform: amd64 });
    const [a, b] = await Promise.all([
      t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "IfNotPresent" }),
      t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "IfNotPresent" }),
    ]);
    expect(a.imageId).toBe(b.imageId);
    expect(a.pulled && b.pulled).toBe(true);
    const blobs = blobRequests(t.requests);
    expect(blobs).toHaveLength(3); // config + 2 layers, once each
    expect(new Set(blobs).size).toBe(3);
    await t.images.ensureImage(`${registry.host}/busybox:zstd`, { policy: "IfNotPresent" });
    expect(blobRequests(t.requests)).toHaveLength(3); // same config, same diffIDs: nothing to fetch
  });

  test("a mirror for docker.io with a rewrite serves `busybox` without reaching Docker Hub", async () => {
    const registries = parseRegistries(`mirrors:\n  docker.io:\n    endpoint: ["${registry.url}"]\n    rewrite:\n      "^library/(.*)": "$1"\n`);
    await using t = await openTestService({ platform: amd64, registries, disableDefaultEndpoint: true });
    const img = await t.images.ensureImage("busybox", { policy: "Always" });
    expect(img.ref).toBe("docker.io/library/busybox:latest");
    expect(img.repoDigest).toStartWith("docker.io/library/busybox@sha256:");
    expect(t.requests.every((u) => u.startsWith(registry.url))).toBe(true);
    expect(t.requests[0]).toBe(`${registry.url}/v2/busybox/manifests/latest`);
  });

  test("a layer whose bytes do not match its digest fails the pull and leaves nothing of it behind", async () => {
    const corrupted: string[] = [];
    await using t = await openTestService({
      platform: amd64,
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        if (!url.includes("/blobs/") || !res.ok || Number(res.headers.get("content-length")) < 10_000) return res;
        const bytes = new Uint8Array(await res.arrayBuffer());
        bytes[bytes.length >> 1]! ^= 0xff; // inside /bin/busybox: the tar still parses
        corrupted.push(url.slice(url.lastIndexOf("/sha256:") + 8));
        return new Response(bytes, { status: 200, headers: res.headers });
      },
    });
    const err = await t.images.ensureImage(`${registry.host}/busybox:plain`, { policy: "Always" }).catch((e) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect(err.reason).toBe("ErrImagePull");
    expect(err.message).toContain("digest mismatch");
    expect(corrupted).toHaveLength(1);
    // Uncompressed: the blob digest is the diffID, which names the layer dir. The other layer was
    // fine and stays for a retry; garbage collection removes it if no image ever uses it.
    expect(readdirSync(join(t.images.dir, "layers"))).not.toContain(corrupted[0]);
    expect(readdirSync(join(t.images.dir, "tmp"))).toEqual([]);
    expect(t.images.list()).toEqual([]);
    const gz = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e);
    expect(gz).toMatchObject({ reason: "ErrImagePull" });
    expect(gz.message).toMatch(new RegExp(`layer sha256:[a-f0-9]{64} from ${registry.url}/v2/busybox: `));
  });

  test("a missing tag is ErrImagePull with the registry's message", async () => {
    await using t = await openTestService({ platform: amd64 });
    const err = await t.images.ensureImage(`${registry.host}/busybox:nope`, { policy: "IfNotPresent" }).catch((e) => e);
    expect(err).toMatchObject({ reason: "ErrImagePull" });
    expect(err.message).toBe(`failed to pull and unpack image "${registry.host}/busybox:nope": GET ${registry.url}/v2/busybox/manifests/nope: manifest unknown: manifest unknown`);
  });
});
