// A registry serving HTTPS with its own CA: the TLS options of registries.yaml.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { requireRoot } from "../../test/fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../../test/fixtures/registry.ts";
import { parseRegistries } from "./registries.ts";
import { openTestService } from "./testing.ts";

let registry: RegistryFixture;
beforeAll(async () => {
  requireRoot("pulling images (agent/images/tls.test.ts)");
  registry = await startRegistry({ tls: true });
});
afterAll(() => registry?.dispose());

// Loopback registries default to plain HTTP, so HTTPS is asked for with an https endpoint.
const registriesWith = (tls: string) => parseRegistries(`mirrors:\n  "${registry.host}":\n    endpoint: ["https://${registry.host}"]\nconfigs:\n  "${registry.host}":\n    tls:\n${tls}`);
const platform = { os: "linux", architecture: "amd64" };

describe("a registry over HTTPS", () => {
  test("is trusted through tls.ca_file", async () => {
    await using t = await openTestService({ platform, registries: registriesWith(`      ca_file: ${registry.caFile}\n`), disableDefaultEndpoint: true });
    const img = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" });
    expect(img.pulled).toBe(true);
    expect(t.requests[0]).toStartWith(`https://${registry.host}/v2/`);
  });

  test("without its CA the certificate is refused, and insecure_skip_verify accepts it", async () => {
    await using refused = await openTestService({ platform, registries: registriesWith("      insecure_skip_verify: false\n"), disableDefaultEndpoint: true });
    const err = await refused.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" }).catch((e) => e);
    expect(err).toMatchObject({ reason: "ErrImagePull" });
    expect(err.message).toMatch(/certificate|SELF_SIGNED|UNABLE_TO_VERIFY/i);
    await using skipped = await openTestService({ platform, registries: registriesWith("      insecure_skip_verify: true\n"), disableDefaultEndpoint: true });
    expect((await skipped.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" })).pulled).toBe(true);
  });
});
