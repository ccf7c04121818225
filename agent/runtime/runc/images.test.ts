// The runtime with the real image service: busybox pulled from a real registry (docker-registry,
// umoci and skopeo build and serve it; see test/fixtures/registry.ts), layers stacked by overlayfs.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startRegistry, type RegistryFixture } from "../../../test/fixtures/registry.ts";
import { createLogger } from "../../../shared/log.ts";
import { ImageService } from "../../images/index.ts";
import { runcHarness, shPod, waitUntil } from "./testing.ts";

let registry: RegistryFixture;
beforeAll(async () => {
  registry = await startRegistry();
}, 60_000);
afterAll(async () => {
  await registry?.dispose();
});

describe("runc runtime with the image service", () => {
  test("a pod runs an image pulled from a registry, its layers' whiteouts honoured", async () => {
    let images: ImageService | undefined;
    const h = await runcHarness({
      images: {
        ensureImage: async (image, opts) => {
          images ??= await ImageService.open({ dataDir: h.opts.dataDir, log: createLogger("error") });
          return images.ensureImage(image, opts);
        },
      },
    });
    try {
      const pod = shPod("pulled", "cat /etc/passwd | head -1; ls /etc/removed-later 2>&1 || true; ls /opt/data", { restartPolicy: "Never" });
      pod.spec!.containers[0]!.image = `${registry.host}/busybox:latest`;
      const uid = pod.metadata!.uid!;
      await h.runtime.createPod(pod);
      await waitUntil(async () => (await h.runtime.podStatus(uid))!.containers[0]!.current.state === "terminated", "the container to exit", 30_000);
      const c = (await h.runtime.podStatus(uid))!.containers[0]!;
      expect(c.current).toMatchObject({ exitCode: 0, reason: "Completed" });
      expect(c.imageID).toMatch(new RegExp(`^${registry.host}/busybox@sha256:[0-9a-f]{64}$`));
      let out = "";
      for await (const chunk of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(chunk);
      expect(out.split("\n")[0]).toBe("root:x:0:0:root:/root:/bin/sh");
      expect(out).toContain("No such file or directory");
      expect(out.trim().split("\n").at(-1)).toBe("c");
    } finally {
      await h.close();
      images?.close();
    }
  }, 60_000);
});
