// agent/images: OCI image pulls, tarball imports, the content store and image GC for the runc
// runtime. See service.ts for the entry point and README.md beside this file for the layout.
export { ImageService, type EnsureImageOptions, type EnsuredImage, type ImageServiceOptions } from "./service.ts";
export { ImageError, RegistryError, DigestMismatchError, type ImageErrorReason } from "./errors.ts";
export { defaultPullPolicy, isPullPolicy, neverPullError, type PullPolicy } from "./policy.ts";
export { alreadyPresentMessage, failedPullMessage, goDuration, pulledMessage, pullingMessage } from "./events.ts";
export { loadRegistries, parseRegistries, EMPTY_REGISTRIES, type RegistriesConfig } from "./registries.ts";
export { parseReference, type ImageReference } from "./reference.ts";
export { formatPlatform, nodePlatform, parsePlatform, type Platform } from "./platform.ts";
export type { DockerConfig } from "./pull-secrets.ts";
export type { ImageRuntimeConfig } from "./media.ts";
export type { ImageRecord } from "./store.ts";
export type { ImportResult } from "./import.ts";
export type { GcPolicy, GcResult } from "./gc.ts";
export { ImagePuller, RECHECK_MS, type ImageEnsurer, type ImagePullerOptions, type PullEvent, type ResolvedImage } from "./puller.ts";
export { dockerConfigsOf } from "./pull-secrets.ts";
