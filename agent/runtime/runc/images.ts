// What the runtime needs from agent/images: ImageService satisfies it; tests may pass a stub
// that serves an unpacked busybox layer.
import type { EnsuredImage } from "../../images/index.ts";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

export interface ImageResolver {
  ensureImage(image: string, opts: { policy: PullPolicy }): Promise<Pick<EnsuredImage, "rootfsLayers" | "config" | "repoDigest">>;
}
