// A container's root filesystem: the image's layers as overlayfs lower dirs (top layer first)
// with a fresh upper and work dir per run, mounted on the bundle's rootfs/.
import { mkdirSync, rmSync } from "node:fs";
import type { ContainerPaths } from "./paths.ts";
import { mountsUnder, unmountAll } from "./sandbox.ts";

async function run(argv: string[]): Promise<void> {
  const p = Bun.spawn(argv, { stdout: "ignore", stderr: "pipe", stdin: "ignore" });
  const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`\`${argv.join(" ")}\`: ${err.trim()}`);
}

/** Mounts the overlay (unmounting a previous run's first); `layers` bottom first, as ImageService gives them. */
export async function mountRootfs(paths: ContainerPaths, layers: readonly string[]): Promise<void> {
  if (!layers.length) throw new Error(`container ${paths.name}: the image has no layers`);
  await unmountRootfs(paths);
  rmSync(paths.upper, { recursive: true, force: true });
  rmSync(paths.work, { recursive: true, force: true });
  for (const d of [paths.upper, paths.work, paths.rootfs]) mkdirSync(d, { recursive: true });
  const lower = layers.toReversed().join(":");
  await run(["mount", "-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${paths.upper},workdir=${paths.work}`, paths.rootfs]);
}

export async function unmountRootfs(paths: ContainerPaths): Promise<void> {
  if (mountsUnder(paths.rootfs).length) await unmountAll(paths.rootfs);
}
