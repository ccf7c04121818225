// What the runtime needs from agent/images: ImageService satisfies it; tests may pass a stub
// that serves an unpacked busybox layer. Pull policy, pull secrets, back-off and the kubelet's
// pull events sit between the two (agent/images/puller.ts, one per container).
import type { ImageEnsurer } from "../../images/index.ts";

export type ImageResolver = ImageEnsurer;
