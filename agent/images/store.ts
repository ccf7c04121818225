// The content store under <data-dir>/agent/images/:
//   blobs/sha256/<hex>   manifests, indexes and configs (layer blobs are not kept once unpacked,
//                        as containerd's discard_unpacked_layers)
//   layers/<hex>/        each layer unpacked once, named by its diffID, an overlayfs lower dir
//   tmp/                 unpacks in progress (emptied at start)
//   images.json          image records: id (config digest) → names, manifest, config, layers
// Tarballs dropped beside these are imported (import.ts). Records are written atomically.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { digestHex, sha256 } from "./digest.ts";
import { DigestMismatchError } from "./errors.ts";
import type { ImageRuntimeConfig } from "./media.ts";
import type { Platform } from "./platform.ts";

export interface LayerRecord {
  /** sha256 of the uncompressed tar: names the unpacked dir. */
  diffID: string;
  /** The blob as distributed (compressed); equals diffID for uncompressed layers. */
  digest: string;
  mediaType: string;
  /** Compressed size from the manifest. */
  size: number;
  /** Bytes of file content unpacked. */
  unpackedSize: number;
}

export interface ImageRecord {
  /** The config digest: the image ID the kubelet reports. */
  id: string;
  /** Canonical references: "docker.io/library/busybox:latest". A name points at one image. */
  names: string[];
  /** "docker.io/library/busybox@sha256:…" of what the registry served (index or manifest). */
  repoDigests: string[];
  manifestDigest: string;
  platform: Platform;
  config: ImageRuntimeConfig;
  /** Bottom layer first. */
  layers: LayerRecord[];
  /** Manifest + config + compressed layers, as containerd reports image sizes. */
  size: number;
  /** Blobs this record keeps: manifest, config, index. */
  blobs: string[];
  createdAt: number;
  lastUsedAt: number;
}

export class ImageStore {
  private records = new Map<string, ImageRecord>();
  private saving: Promise<void> = Promise.resolve();

  private constructor(readonly root: string) {}

  static async open(root: string): Promise<ImageStore> {
    const s = new ImageStore(root);
    await Promise.all([mkdir(join(root, "blobs/sha256"), { recursive: true }), mkdir(join(root, "layers"), { recursive: true })]);
    await rm(join(root, "tmp"), { recursive: true, force: true });
    await mkdir(join(root, "tmp"));
    try {
      const data = JSON.parse(await readFile(join(root, "images.json"), "utf8")) as { images: ImageRecord[] };
      for (const r of data.images) s.records.set(r.id, r);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${join(root, "images.json")}: ${(err as Error).message}`);
    }
    return s;
  }

  blobPath(digest: string): string {
    return join(this.root, "blobs/sha256", digestHex(digest));
  }

  layerDir(diffID: string): string {
    return join(this.root, "layers", digestHex(diffID));
  }

  hasLayer(diffID: string): boolean {
    return existsSync(this.layerDir(diffID));
  }

  /** A fresh directory under tmp/ (same filesystem as layers/, so it can be renamed into place). */
  tempDir(prefix: string): Promise<string> {
    return mkdtemp(join(this.root, "tmp", `${prefix}-`));
  }

  async putBlob(digest: string, bytes: Uint8Array): Promise<void> {
    const actual = sha256(bytes);
    if (actual !== digest) throw new DigestMismatchError(digest, actual, "blob");
    const path = this.blobPath(digest);
    if (existsSync(path)) return;
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }

  async readBlob(digest: string): Promise<Buffer | undefined> {
    return readFile(this.blobPath(digest)).catch(() => undefined);
  }

  list(): ImageRecord[] {
    return [...this.records.values()];
  }

  get(id: string): ImageRecord | undefined {
    return this.records.get(id);
  }

  /** The image a canonical name (tag or digest reference) points at. */
  byName(name: string): ImageRecord | undefined {
    for (const r of this.records.values()) if (r.names.includes(name) || r.repoDigests.includes(name)) return r;
    return undefined;
  }

  /** Adds or updates a record; its names are taken away from any other image. */
  async put(record: ImageRecord): Promise<ImageRecord> {
    const existing = this.records.get(record.id);
    const merged: ImageRecord = existing
      ? { ...record, names: [...new Set([...existing.names, ...record.names])], repoDigests: [...new Set([...existing.repoDigests, ...record.repoDigests])], blobs: [...new Set([...existing.blobs, ...record.blobs])], createdAt: existing.createdAt }
      : record;
    for (const other of this.records.values()) {
      if (other.id === record.id) continue;
      other.names = other.names.filter((n) => !record.names.includes(n));
    }
    this.records.set(record.id, merged);
    await this.save();
    return merged;
  }

  async touch(id: string, now: number): Promise<void> {
    const r = this.records.get(id);
    if (!r) return;
    r.lastUsedAt = now;
    await this.save();
  }

  async remove(id: string): Promise<ImageRecord | undefined> {
    const r = this.records.get(id);
    if (!r) return undefined;
    this.records.delete(id);
    await this.save();
    return r;
  }

  /**
   * Deletes layer dirs and blobs no record references, except `pinned` ones (diffIDs and digests
   * of pulls in progress). Returns the diffIDs of the layers removed.
   */
  async sweep(pinned: ReadonlySet<string>): Promise<string[]> {
    const usedLayers = new Set<string>();
    const usedBlobs = new Set<string>();
    for (const r of this.records.values()) {
      for (const l of r.layers) usedLayers.add(digestHex(l.diffID));
      for (const b of r.blobs) usedBlobs.add(digestHex(b));
    }
    for (const p of pinned) {
      usedLayers.add(digestHex(p));
      usedBlobs.add(digestHex(p));
    }
    const removed: string[] = [];
    for (const hex of await readdir(join(this.root, "layers"))) {
      if (usedLayers.has(hex)) continue;
      await rm(join(this.root, "layers", hex), { recursive: true, force: true });
      removed.push(`sha256:${hex}`);
    }
    for (const hex of await readdir(join(this.root, "blobs/sha256"))) {
      if (!usedBlobs.has(hex) && !hex.endsWith(".tmp")) await rm(join(this.root, "blobs/sha256", hex), { force: true });
    }
    return removed;
  }

  private save(): Promise<void> {
    const next = this.saving.then(async () => {
      const path = join(this.root, "images.json");
      const tmp = `${path}.${crypto.randomUUID()}.tmp`;
      await writeFile(tmp, JSON.stringify({ images: [...this.records.values()] }, null, 1));
      await rename(tmp, path);
    });
    this.saving = next.catch(() => undefined);
    return next;
  }
}
