// Image garbage collection and removal, with disk usage and time injected.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { requireRoot } from "../../test/fixtures/process.ts";
import { startRegistry, type RegistryFixture } from "../../test/fixtures/registry.ts";
import type { DiskUsage } from "./gc.ts";
import { ImageService } from "./service.ts";
import { openTestService } from "./testing.ts";

let registry: RegistryFixture;
beforeAll(async () => {
  requireRoot("pulling images (agent/images/gc.test.ts)");
  registry = await startRegistry();
});
afterAll(() => registry?.dispose());

async function setup() {
  let usage: DiskUsage = { capacityBytes: 1000, availableBytes: 500 };
  let now = 1_000_000;
  const inUse = new Set<string>();
  const t = await openTestService({
    platform: { os: "linux", architecture: "amd64" },
    diskUsage: async () => usage,
    now: () => now,
    inUse: () => inUse,
  });
  const latest = await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "Always" });
  now += 1000;
  const arm = await t.images.ensureImage(`${registry.host}/busybox:arm64`, { policy: "Always" });
  now += 10 * 60_000;
  return { t, latest, arm, inUse, setUsage: (u: DiskUsage) => (usage = u), advance: (ms: number) => (now += ms) };
}

describe("image garbage collection", () => {
  test("below the high threshold nothing is removed", async () => {
    const { t } = await setup();
    await using _ = t;
    const r = await t.images.gc();
    expect(r).toEqual({ usagePercent: 50, removed: [], freedBytes: 0 });
    expect(t.images.list()).toHaveLength(2);
  });

  test("past the high threshold unused images go, least recently used first, never those in use", async () => {
    const { t, latest, arm, inUse, setUsage } = await setup();
    await using _ = t;
    setUsage({ capacityBytes: 1000, availableBytes: 100 }); // 90 %
    inUse.add(`${registry.host}/busybox:latest`);
    const r = await t.images.gc();
    expect(r.removed).toEqual([arm.imageId]);
    expect(r.freedBytes).toBe(0); // arm64 shares its layers with latest, which stays
    expect(t.images.list().map((i) => i.id)).toEqual([latest.imageId]);
    expect(readdirSync(join(t.images.dir, "layers"))).toHaveLength(2);

    inUse.clear();
    inUse.add(latest.imageId); // an image ID works as well as a reference
    expect((await t.images.gc()).removed).toEqual([]);
    inUse.clear();
    const all = await t.images.gc();
    expect(all.removed).toEqual([latest.imageId]);
    expect(all.freedBytes).toBeGreaterThan(1_900_000);
    expect(readdirSync(join(t.images.dir, "layers"))).toEqual([]);
    expect(readdirSync(join(t.images.dir, "blobs/sha256"))).toEqual([]);
  });

  test("images used less than the minimum age ago are kept", async () => {
    const { t, setUsage, advance } = await setup();
    await using _ = t;
    setUsage({ capacityBytes: 1000, availableBytes: 0 });
    await t.images.ensureImage(`${registry.host}/busybox:latest`, { policy: "IfNotPresent" }); // used just now
    const r = await t.images.gc();
    expect(r.removed).toHaveLength(1);
    advance(120_000);
    expect((await t.images.gc()).removed).toHaveLength(1);
    expect(t.images.list()).toEqual([]);
  });

  test("remove() refuses an image in use and removes it by reference otherwise", async () => {
    const { t, inUse } = await setup();
    await using _ = t;
    inUse.add(`${registry.host}/busybox:arm64`);
    await expect(t.images.remove(`${registry.host}/busybox:arm64`)).rejects.toThrow("is used by a container");
    expect(await t.images.remove(`${registry.host}/busybox:latest`)).toBe(true);
    expect(await t.images.remove(`${registry.host}/busybox:latest`)).toBe(false);
    expect(t.images.list()).toHaveLength(1);
  });
});

describe("opening the image store", () => {
  test("removes layers no image record names (a pull cut short) and keeps recorded ones", async () => {
    const { t, latest } = await setup();
    await using _ = t;
    mkdirSync(join(t.images.dir, "layers", "f".repeat(64)));
    const reopened = await ImageService.open({ dataDir: t.dataDir });
    expect(readdirSync(join(t.images.dir, "layers")).sort()).toEqual(latest.rootfsLayers.map((p) => p.split("/").pop()!).sort());
    expect(reopened.list()).toHaveLength(2);
  });
});
