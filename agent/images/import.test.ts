// Air-gapped imports of the fixture's docker-archive and OCI archive tarballs (built by skopeo).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { requireRoot, waitFor } from "../../test/fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../../test/fixtures/registry.ts";
import { parseReference } from "./reference.ts";
import { openTestService } from "./testing.ts";

let fixture: RegistryFixture;
beforeAll(async () => {
  requireRoot("importing image tarballs (agent/images/import.test.ts)");
  fixture = await startRegistry({ push: false });
});
afterAll(() => fixture?.dispose());

const amd64 = { os: "linux", architecture: "amd64" };

describe("importing image tarballs", () => {
  test("docker save and OCI archives in the images dir are imported at start under their names, once", async () => {
    await using t = await openTestService({ platform: amd64 });
    copyFileSync(fixture.archives.docker, join(t.images.dir, "busybox-docker.tar"));
    copyFileSync(fixture.archives.oci, join(t.images.dir, "busybox-oci.tar"));
    writeFileSync(join(t.images.dir, "notes.txt"), "not an archive");
    const results = await t.images.importTarballs();
    expect(results.map((r) => [r.file.split("/").pop(), r.names, r.error])).toEqual([
      ["busybox-docker.tar", ["docker.io/library/busybox:tar"], undefined],
      ["busybox-oci.tar", ["docker.io/library/busybox:oci"], undefined],
    ]);
    // The same config: one image with two names, its layers unpacked once.
    expect(results[0]!.images).toEqual(results[1]!.images);
    const fromDocker = await t.images.ensureImage("busybox:tar", { policy: "Never" });
    const fromOci = await t.images.ensureImage("docker.io/library/busybox:oci", { policy: "Never" });
    expect(fromDocker).toMatchObject({ pulled: false, imageId: fromOci.imageId, rootfsLayers: fromOci.rootfsLayers, config: { cmd: ["/bin/sh"] } });
    expect(fromDocker.repoDigest).toBe(fromDocker.imageId); // no registry digest for an imported image
    expect(t.requests).toEqual([]);
    expect((await t.images.importTarballs()).every((r) => r.skipped)).toBe(true);
  });

  test("a gzip-compressed tarball is imported too", async () => {
    await using t = await openTestService({ platform: amd64 });
    writeFileSync(join(t.images.dir, "busybox.tar.gz"), gzipSync(await Bun.file(fixture.archives.oci).bytes()));
    const [r] = await t.images.importTarballs();
    expect(r!.error).toBeUndefined();
    expect(r!.names).toEqual(["docker.io/library/busybox:oci"]);
    expect(t.images.lookup(parseReference("busybox:oci"))).toBeDefined();
  });

  test("a tarball copied into the images dir while the agent runs is imported", async () => {
    await using t = await openTestService({ platform: amd64 });
    await t.images.importTarballs();
    t.images.watchTarballs();
    copyFileSync(fixture.archives.docker, join(t.images.dir, "late.tar"));
    const img = await waitFor("the tarball to be imported", () => t.images.lookup(parseReference("busybox:tar")), 10_000);
    expect(img.names).toContain("docker.io/library/busybox:tar");
  });

  test("a broken tarball is reported and nothing is imported from it", async () => {
    await using t = await openTestService({ platform: amd64 });
    const bytes = await Bun.file(fixture.archives.docker).bytes();
    writeFileSync(join(t.images.dir, "broken.tar"), bytes.subarray(0, bytes.length >> 1));
    const [r] = await t.images.importTarballs();
    expect(r!.error).toBeString();
    expect(t.images.list()).toEqual([]);
  });
});
