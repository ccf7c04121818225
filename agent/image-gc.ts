// The agent's image garbage collection: every few minutes, the images the runtime's pods name
// (references and resolved IDs, init containers included) are marked in use, then the image
// service removes unused ones if the disk passed its high threshold (agent/images/gc.ts).
// Images pulled meanwhile are safe: pulls pin their layers and new images are younger than the
// minimum GC age.
import type { Logger } from "../shared/log.ts";
import type { ImageService } from "./images/index.ts";
import type { PodRuntime } from "./runtime/types.ts";

export const IMAGE_GC_INTERVAL_MS = 5 * 60_000;

/** References and image IDs of every container the runtime holds. */
export async function imagesInUse(runtime: Pick<PodRuntime, "listPods" | "podStatus">): Promise<Set<string>> {
  const used = new Set<string>();
  for (const ref of await runtime.listPods()) {
    const s = await runtime.podStatus(ref.uid);
    for (const c of [...(s?.initContainers ?? []), ...(s?.containers ?? [])]) {
      if (c.image) used.add(c.image);
      if (c.imageID) used.add(c.imageID);
    }
  }
  return used;
}

export interface ImageGc {
  /** The set the image service's `inUse` returns (refreshed before each collection). */
  inUse(): Set<string>;
  /** Start collecting every intervalMs with this runtime. */
  start(images: ImageService, runtime: Pick<PodRuntime, "listPods" | "podStatus">): void;
  stop(): void;
}

export function imageGc(opts: { intervalMs?: number; log: Logger }): ImageGc {
  let used = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;
  return {
    inUse: () => used,
    start(images, runtime) {
      timer = setInterval(async () => {
        if (running) return;
        running = true;
        try {
          used = await imagesInUse(runtime);
          await images.gc();
        } catch (e) {
          opts.log.level("warn")("image garbage collection failed", { error: (e as Error).message });
        } finally {
          running = false;
        }
      }, opts.intervalMs ?? IMAGE_GC_INTERVAL_MS);
      timer.unref?.();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
