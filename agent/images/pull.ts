// Pulling an image from a registry: try each endpoint (mirrors, then the registry itself), fetch
// the manifest by tag or digest, resolve an index to the wanted platform, then install the
// image (install.ts) with blobs from that endpoint.
import type { RegistryClient } from "./client.ts";
import { ImageError, NetworkError, errorText } from "./errors.ts";
import { installImage, type InstallContext } from "./install.ts";
import type { BlobSource } from "./layers.ts";
import { parseManifestBody, type Descriptor, type ImageManifest } from "./media.ts";
import { formatPlatform, selectManifest, type Platform } from "./platform.ts";
import { manifestRef, type ImageReference } from "./reference.ts";
import { endpointsFor, type Endpoint, type RegistriesConfig, type RegistryAuth } from "./registries.ts";
import type { ImageRecord } from "./store.ts";

export interface PullContext extends InstallContext {
  client: RegistryClient;
  registries: RegistriesConfig;
  disableDefaultEndpoint?: boolean;
}

export interface PullRequest {
  ref: ImageReference;
  platform: Platform;
  /** Credentials for the image's own registry (from pull secrets); mirrors use registries.yaml. */
  credentials?: RegistryAuth;
  now: number;
}

export interface PullOutcome {
  record: ImageRecord;
  fetchedLayers: number;
  endpoint: string;
  /** name@digest of what the registry served for the reference (the index for multi-platform images). */
  repoDigest: string;
}

function registrySource(client: RegistryClient, ep: Endpoint, credentials: RegistryAuth | undefined): BlobSource {
  return { where: `${ep.base}/${ep.path}`, open: (desc) => client.openBlob(ep, desc, credentials), verifiesDigest: () => true };
}

function platformsOf(manifests: Descriptor[]): string {
  return manifests.map((m) => (m.platform ? formatPlatform(m.platform) : "unknown")).join(", ");
}

async function pullFrom(ctx: PullContext, ep: Endpoint, req: PullRequest): Promise<PullOutcome> {
  const credentials = ep.mirror ? undefined : req.credentials;
  const top = await ctx.client.getManifest(ep, manifestRef(req.ref), credentials);
  const parsed = parseManifestBody(top.text, `manifest of ${req.ref.canonical} at ${ep.base}`);
  let manifest: ImageManifest;
  let manifestDigest = top.digest;
  let manifestBytes = top.bytes;
  const extraBlobs: { digest: string; bytes: Uint8Array }[] = [];
  if (parsed.index) {
    const chosen = selectManifest(parsed.index.manifests, req.platform);
    if (!chosen) {
      throw new Error(`no match for platform ${formatPlatform(req.platform)} in the index ${top.digest} (it has ${platformsOf(parsed.index.manifests)})`);
    }
    const m = await ctx.client.getManifest(ep, chosen.digest, credentials);
    const inner = parseManifestBody(m.text, `manifest ${chosen.digest} of ${req.ref.canonical}`);
    if (!inner.manifest) throw new Error(`${chosen.digest} in the index of ${req.ref.canonical} is not an image manifest`);
    manifest = inner.manifest;
    manifestDigest = m.digest;
    manifestBytes = m.bytes;
    extraBlobs.push({ digest: top.digest, bytes: top.bytes });
  } else {
    manifest = parsed.manifest!;
  }
  const names = req.ref.digest ? [] : [`${req.ref.name}:${req.ref.tag}`];
  const repoDigest = `${req.ref.name}@${top.digest}`;
  const { record, fetchedLayers } = await installImage(ctx, {
    names,
    repoDigests: [repoDigest],
    manifest,
    manifestDigest,
    manifestBytes,
    extraBlobs,
    source: registrySource(ctx.client, ep, credentials),
    now: req.now,
  });
  return { record, fetchedLayers, endpoint: ep.base, repoDigest };
}

/** Pulls `req.ref`; failures become an ImageError ErrImagePull carrying the registry's message. */
export async function pullImage(ctx: PullContext, req: PullRequest): Promise<PullOutcome> {
  const endpoints = endpointsFor(ctx.registries, req.ref, { disableDefault: ctx.disableDefaultEndpoint });
  const errors: unknown[] = [];
  for (const ep of endpoints) {
    try {
      return await pullFrom(ctx, ep, req);
    } catch (err) {
      errors.push(err);
    }
  }
  // The most telling failure: the first that is not "could not connect", else the last.
  const err = errors.find((e) => !(e instanceof NetworkError)) ?? errors.at(-1);
  const detail = endpoints.length ? errorText(err) : "no registry endpoint (the default endpoint is disabled and no mirror is configured)";
  throw new ImageError("ErrImagePull", `failed to pull and unpack image "${req.ref.canonical}": ${detail}`, { cause: err });
}
