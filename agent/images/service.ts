// The agent's image service: what the runc runtime asks before creating a container.
//
//   const images = await ImageService.open({ dataDir, registries: await loadRegistries(path) });
//   const img = await images.ensureImage("busybox", { policy: "IfNotPresent" });
//   // img.rootfsLayers: unpacked layer dirs, bottom first → overlay lowerdir=reverse(…).join(":")
//
// Concurrent ensureImage calls for the same image and platform share one pull.
import { join } from "node:path";
import type { FSWatcher } from "node:fs";
import { createLogger, type Logger } from "../../shared/log.ts";
import { RegistryClient } from "./client.ts";
import { ImageError } from "./errors.ts";
import { collectGarbage, DEFAULT_GC_POLICY, inUseMatcher, removeImage, statfsUsage, type DiskUsageFn, type GcPolicy, type GcResult } from "./gc.ts";
import { TarballImporter, type ImportResult } from "./import.ts";
import { LayerUnpacker, Pins } from "./layers.ts";
import type { ImageRuntimeConfig } from "./media.ts";
import { formatPlatform, nodePlatform, parsePlatform, platformRank, type Platform } from "./platform.ts";
import { neverPullError, type PullPolicy } from "./policy.ts";
import { credentialsFor, type DockerConfig } from "./pull-secrets.ts";
import { pullImage, type PullContext } from "./pull.ts";
import { parseReference, type ImageReference } from "./reference.ts";
import { EMPTY_REGISTRIES, type RegistriesConfig } from "./registries.ts";
import { ImageStore, type ImageRecord } from "./store.ts";
import type { FetchLike } from "./transport.ts";

export interface ImageServiceOptions {
  /** kubun's data dir; images live in <dataDir>/agent/images/. */
  dataDir: string;
  registries?: RegistriesConfig;
  /** The node's platform (default: this machine's). */
  platform?: Platform;
  /** Owners, device nodes and overlay whiteouts need root (default: whether uid is 0). */
  privileged?: boolean;
  /** Only mirrors, never the registry itself (k3s --disable-default-registry-endpoint). */
  disableDefaultEndpoint?: boolean;
  /** Images that running containers use (image IDs or references): never garbage-collected. */
  inUse?: () => Set<string>;
  gcPolicy?: Partial<GcPolicy>;
  diskUsage?: DiskUsageFn;
  fetch?: FetchLike;
  log?: Logger;
  now?: () => number;
}

export interface EnsureImageOptions {
  policy: PullPolicy;
  /** Parsed .dockerconfigjson of the pod's imagePullSecrets. */
  pullSecrets?: readonly DockerConfig[];
  /** "linux/arm64" or a Platform; default the node's. */
  platform?: Platform | string;
  /** Called when the image is about to be pulled (or a pull already under way is joined): the kubelet's Pulling event. */
  onPull?: () => void;
}

export interface EnsuredImage {
  /** The canonical reference, e.g. "docker.io/library/busybox:latest". */
  ref: string;
  /** The config digest (containerStatuses[].imageID is repoDigest when there is one). */
  imageId: string;
  /** "docker.io/library/busybox@sha256:…", or the image ID for imported images. */
  repoDigest: string;
  /** Unpacked layer dirs, bottom layer first; overlayfs wants lowerdir=top:…:bottom. */
  rootfsLayers: string[];
  config: ImageRuntimeConfig;
  /** Image size in bytes (manifest, config, compressed layers). */
  size: number;
  /** False when the image was already present (IfNotPresent, Never). */
  pulled: boolean;
  /** Time of the pull itself. */
  durationMs: number;
  /** Time including waiting for a pull another caller had started. */
  totalMs: number;
}

export class ImageService {
  private readonly inflight = new Map<string, Promise<{ record: ImageRecord; durationMs: number; repoDigest: string }>>();
  private readonly ctx: PullContext;
  private readonly importer: TarballImporter;
  private readonly platform: Platform;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly gcPolicy: GcPolicy;
  private watcher?: FSWatcher;

  private constructor(
    readonly store: ImageStore,
    private readonly opts: ImageServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? createLogger("info", { component: "images" });
    this.platform = opts.platform ?? nodePlatform();
    this.gcPolicy = { ...DEFAULT_GC_POLICY, ...opts.gcPolicy };
    const pins = new Pins();
    this.ctx = {
      store,
      pins,
      layers: new LayerUnpacker(store, opts.privileged ?? process.getuid?.() === 0),
      client: new RegistryClient({ fetch: opts.fetch, now: this.now }),
      registries: opts.registries ?? EMPTY_REGISTRIES,
      disableDefaultEndpoint: opts.disableDefaultEndpoint,
    };
    this.importer = new TarballImporter(this.ctx, this.platform, this.now);
  }

  static async open(opts: ImageServiceOptions): Promise<ImageService> {
    const store = await ImageStore.open(join(opts.dataDir, "agent", "images"));
    // Layers and blobs of a pull cut short by a crash (unpacked, not yet recorded) go now.
    await store.sweep(new Set());
    return new ImageService(store, opts);
  }

  /** The directory tarballs are imported from (and the store lives in). */
  get dir(): string {
    return this.store.root;
  }

  /** The stored image `ref` names, if all its layers are on disk and it runs on `platform` (when one was asked for). */
  lookup(ref: ImageReference, platform?: Platform): ImageRecord | undefined {
    const r = this.store.byName(ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag}`);
    if (!r || !r.layers.every((l) => this.store.hasLayer(l.diffID))) return undefined;
    if (platform && platformRank(platform, r.platform) < 0) return undefined;
    return r;
  }

  async ensureImage(image: string, opts: EnsureImageOptions): Promise<EnsuredImage> {
    const start = this.now();
    const ref = parseReference(image);
    const asked = typeof opts.platform === "string" ? parsePlatform(opts.platform) : opts.platform;
    const platform = asked ?? this.platform;
    const present = this.lookup(ref, asked);
    if (opts.policy === "Never" || (opts.policy === "IfNotPresent" && present)) {
      if (!present) throw neverPullError(image);
      await this.store.touch(present.id, this.now());
      return this.result(ref, present, { pulled: false, durationMs: 0, totalMs: this.now() - start });
    }
    opts.onPull?.();
    const key = `${ref.canonical}|${formatPlatform(platform)}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.pull(ref, platform, opts.pullSecrets).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    const { record, durationMs, repoDigest } = await p;
    return this.result(ref, record, { pulled: true, durationMs, totalMs: this.now() - start }, repoDigest);
  }

  private async pull(ref: ImageReference, platform: Platform, secrets: readonly DockerConfig[] | undefined) {
    const start = this.now();
    this.log("pulling image", { image: ref.canonical, platform: formatPlatform(platform) });
    const { record, fetchedLayers, endpoint, repoDigest } = await pullImage(this.ctx, { ref, platform, credentials: credentialsFor(secrets, ref.domain), now: start });
    const durationMs = this.now() - start;
    this.log("pulled image", { image: ref.canonical, id: record.id, endpoint, fetchedLayers, size: record.size, ms: durationMs });
    return { record, durationMs, repoDigest };
  }

  private result(ref: ImageReference, r: ImageRecord, t: { pulled: boolean; durationMs: number; totalMs: number }, pulledDigest?: string): EnsuredImage {
    const asked = ref.digest ? `${ref.name}@${ref.digest}` : undefined;
    const repoDigest = pulledDigest ?? asked ?? r.repoDigests.findLast((d) => d.startsWith(`${ref.name}@`)) ?? r.repoDigests[0] ?? r.id;
    return { ref: ref.canonical, imageId: r.id, repoDigest, rootfsLayers: r.layers.map((l) => this.store.layerDir(l.diffID)), config: r.config, size: r.size, ...t };
  }

  /** Imports the tarballs in the images dir (at start); unchanged ones imported before are skipped. */
  async importTarballs(): Promise<ImportResult[]> {
    const results = await this.importer.importAll();
    for (const r of results) this.logImport(r);
    return results;
  }

  /** Imports tarballs as they are added to the images dir, until close(). */
  watchTarballs(onResult?: (r: ImportResult) => void): void {
    this.watcher ??= this.importer.watch((r) => {
      this.logImport(r);
      onResult?.(r);
    });
  }

  private logImport(r: ImportResult): void {
    if (r.error) this.log.level("warn")("image tarball not imported", { file: r.file, error: r.error });
    else if (!r.skipped) this.log("imported image tarball", { file: r.file, images: r.names.length ? r.names : r.images });
  }

  /** Every stored image. */
  list(): ImageRecord[] {
    return this.store.list();
  }

  /** Removes an image by ID or reference, unless a container uses it; true when something was removed. */
  async remove(imageOrId: string): Promise<boolean> {
    let r = this.store.get(imageOrId);
    if (!r) {
      const ref = parseReference(imageOrId);
      r = this.store.byName(ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag}`);
    }
    if (!r) return false;
    if (inUseMatcher(this.opts.inUse?.() ?? new Set())(r)) throw new ImageError("ImageInspectError", `image ${imageOrId} (${r.id}) is used by a container`);
    await removeImage(this.store, this.ctx.pins, r);
    return true;
  }

  /** Removes unused images when disk use passed the high threshold (or all unused ones with `all`). */
  async gc(opts: { all?: boolean } = {}): Promise<GcResult> {
    const result = await collectGarbage({ store: this.store, pins: this.ctx.pins, inUse: this.opts.inUse?.() ?? new Set(), usage: this.opts.diskUsage ?? statfsUsage, policy: this.gcPolicy, now: this.now(), all: opts.all });
    if (result.removed.length) this.log("image garbage collection", { usagePercent: Math.round(result.usagePercent), removed: result.removed.length, freedBytes: result.freedBytes });
    return result;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
