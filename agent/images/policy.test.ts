// Pull policies and event messages; the registry-backed part stops its own registry.
import { describe, expect, test } from "bun:test";
import { requireRoot } from "../../test/fixtures/process.ts";
import { startRegistry } from "../../test/fixtures/registry.ts";
import { alreadyPresentMessage, goDuration, pulledMessage } from "./events.ts";
import { ImageError } from "./errors.ts";
import { defaultPullPolicy } from "./policy.ts";
import { openTestService } from "./testing.ts";

describe("pull policies", () => {
  test("the default is Always for :latest and untagged images, IfNotPresent for other tags and digests", () => {
    expect(defaultPullPolicy("busybox")).toBe("Always");
    expect(defaultPullPolicy("busybox:latest")).toBe("Always");
    expect(defaultPullPolicy("busybox:1.36")).toBe("IfNotPresent");
    expect(defaultPullPolicy(`busybox@sha256:${"a".repeat(64)}`)).toBe("IfNotPresent");
  });

  test("IfNotPresent does not ask the registry again, Never uses what is there, Always needs the registry", async () => {
    requireRoot("pulling images (agent/images/policy.test.ts)");
    const registry = await startRegistry();
    try {
      await using t = await openTestService({ platform: { os: "linux", architecture: "amd64" } });
      const image = `${registry.host}/busybox:latest`;
      const never = await t.images.ensureImage(image, { policy: "Never" }).catch((e) => e);
      expect(never).toBeInstanceOf(ImageError);
      expect(never).toMatchObject({ reason: "ErrImageNeverPull", message: `Container image "${image}" is not present with pull policy of Never` });
      expect(t.requests).toEqual([]);

      const first = await t.images.ensureImage(image, { policy: "IfNotPresent" });
      expect(first.pulled).toBe(true);
      const seen = t.requests.length;
      await registry.stop();

      const again = await t.images.ensureImage(image, { policy: "IfNotPresent" });
      expect(again).toMatchObject({ pulled: false, imageId: first.imageId, rootfsLayers: first.rootfsLayers, repoDigest: first.repoDigest });
      expect((await t.images.ensureImage(image, { policy: "Never" })).pulled).toBe(false);
      expect(t.requests.length).toBe(seen);

      const always = await t.images.ensureImage(image, { policy: "Always" }).catch((e) => e);
      expect(always).toMatchObject({ reason: "ErrImagePull" });
      expect(always.message).toContain(`failed to pull and unpack image "${image}": GET ${registry.url}/v2/busybox/manifests/latest`);
    } finally {
      await registry.dispose();
    }
  });
});

describe("event messages", () => {
  test("durations print as Go's time.Duration does after truncation to milliseconds", () => {
    expect([0, 7, 523, 1000, 1200, 1234, 61_004, 3_600_000].map(goDuration)).toEqual(["0s", "7ms", "523ms", "1s", "1.2s", "1.234s", "1m1.004s", "1h0m0s"]);
  });

  test("Pulled and already-present messages read as the kubelet's", () => {
    expect(pulledMessage("busybox", { durationMs: 1200, totalMs: 1234, size: 1234 })).toBe('Successfully pulled image "busybox" in 1.2s (1.234s including waiting). Image size: 1234 bytes.');
    expect(alreadyPresentMessage("busybox:1.36")).toBe('Container image "busybox:1.36" already present on machine');
  });
});
