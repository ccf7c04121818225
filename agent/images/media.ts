// OCI and Docker media types and the shapes of manifests, indexes and image configs.
import type { Platform } from "./platform.ts";

export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

/** What a manifest request accepts, in order of preference. */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(", ");

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** The image config JSON (OCI image-spec config.md; Docker's is the same in these fields). */
export interface ImageConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object> | null;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
  };
  rootfs?: { type: string; diff_ids: string[] };
}

/** What a runtime needs from the image config to start a container. */
export interface ImageRuntimeConfig {
  env: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  user: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  stopSignal?: string;
}

export function runtimeConfig(file: ImageConfigFile): ImageRuntimeConfig {
  const c = file.config ?? {};
  return {
    env: c.Env ?? [],
    entrypoint: c.Entrypoint ?? [],
    cmd: c.Cmd ?? [],
    workingDir: c.WorkingDir ?? "",
    user: c.User ?? "",
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    labels: c.Labels ?? {},
    ...(c.StopSignal ? { stopSignal: c.StopSignal } : {}),
  };
}

export function isIndex(mediaType: string | undefined, body: { manifests?: unknown }): boolean {
  if (mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList) return true;
  if (mediaType === MEDIA.ociManifest || mediaType === MEDIA.dockerManifest) return false;
  return Array.isArray(body.manifests);
}

/** Parses a manifest or index body, checking the fields later steps rely on. */
export function parseManifestBody(text: string, what: string): { mediaType?: string; index?: ImageIndex; manifest?: ImageManifest } {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what}: the manifest is not JSON`);
  }
  const mediaType = typeof body.mediaType === "string" ? body.mediaType : undefined;
  if (body.schemaVersion !== 2) throw new Error(`${what}: unsupported manifest schemaVersion ${JSON.stringify(body.schemaVersion)} (schema 1 images are not supported)`);
  if (isIndex(mediaType, body as { manifests?: unknown })) {
    if (!Array.isArray(body.manifests)) throw new Error(`${what}: the image index has no manifests`);
    return { mediaType, index: body as unknown as ImageIndex };
  }
  const m = body as unknown as ImageManifest;
  if (!m.config?.digest || !Array.isArray(m.layers)) throw new Error(`${what}: the manifest has no config or layers`);
  return { mediaType, manifest: m };
}
