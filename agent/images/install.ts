// Turning a platform manifest into a stored image: fetch and check the config, unpack every
// layer (at most three at once), keep the small blobs and write the image record. Shared by
// registry pulls and tarball imports, which differ only in their BlobSource.
import { digestStream } from "./digest.ts";
import type { LayerUnpacker, BlobSource, Pins } from "./layers.ts";
import { runtimeConfig, type Descriptor, type ImageConfigFile, type ImageManifest } from "./media.ts";
import { normalizePlatform } from "./platform.ts";
import type { ImageRecord, ImageStore, LayerRecord } from "./store.ts";

const MAX_CONFIG_BYTES = 8 << 20;
const LAYER_CONCURRENCY = 3;

export interface InstallContext {
  store: ImageStore;
  layers: LayerUnpacker;
  pins: Pins;
}

export interface InstallInput {
  names: string[];
  repoDigests: string[];
  manifest: ImageManifest;
  manifestDigest: string;
  manifestBytes: Uint8Array;
  /** Other blobs to keep with the image (the index it was picked from). */
  extraBlobs?: { digest: string; bytes: Uint8Array }[];
  source: BlobSource;
  now: number;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) {
    n += c.length;
    if (n > limit) throw new Error(`${what} is larger than ${limit} bytes`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

async function loadConfig(ctx: InstallContext, source: BlobSource, desc: Descriptor): Promise<{ file: ImageConfigFile; bytes: Uint8Array }> {
  let bytes: Uint8Array | undefined = await ctx.store.readBlob(desc.digest);
  if (!bytes) {
    const what = `config ${desc.digest} from ${source.where}`;
    const check = digestStream(what, { digest: desc.digest, size: desc.size });
    bytes = await readAll((await source.open(desc)).pipeThrough(check), MAX_CONFIG_BYTES, what);
    await check.done;
  }
  try {
    return { file: JSON.parse(new TextDecoder().decode(bytes)) as ImageConfigFile, bytes };
  } catch {
    throw new Error(`config ${desc.digest} from ${source.where} is not JSON`);
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping order in the result. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function installImage(ctx: InstallContext, input: InstallInput): Promise<{ record: ImageRecord; fetchedLayers: number }> {
  const { manifest, source } = input;
  const config = await loadConfig(ctx, source, manifest.config);
  const diffIDs = config.file.rootfs?.diff_ids ?? [];
  if (diffIDs.length !== manifest.layers.length) {
    throw new Error(`image ${input.manifestDigest} from ${source.where}: ${manifest.layers.length} layers but ${diffIDs.length} diff_ids in its config`);
  }
  const pinned = [...diffIDs, manifest.config.digest, input.manifestDigest, ...(input.extraBlobs ?? []).map((b) => b.digest)];
  ctx.pins.add(pinned);
  try {
    const results = await pool(manifest.layers, LAYER_CONCURRENCY, (desc, i) => ctx.layers.ensure(source, desc, diffIDs[i]!));
    await ctx.store.putBlob(manifest.config.digest, config.bytes);
    await ctx.store.putBlob(input.manifestDigest, input.manifestBytes);
    for (const b of input.extraBlobs ?? []) await ctx.store.putBlob(b.digest, b.bytes);
    const layers: LayerRecord[] = manifest.layers.map((d, i) => ({ diffID: diffIDs[i]!, digest: d.digest, mediaType: d.mediaType, size: d.size, unpackedSize: results[i]!.unpackedSize }));
    const record = await ctx.store.put({
      id: manifest.config.digest,
      names: input.names,
      repoDigests: input.repoDigests,
      manifestDigest: input.manifestDigest,
      platform: normalizePlatform({ os: config.file.os ?? "linux", architecture: config.file.architecture ?? "unknown", variant: config.file.variant }),
      config: runtimeConfig(config.file),
      layers,
      size: input.manifestBytes.length + manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0),
      blobs: [input.manifestDigest, manifest.config.digest, ...(input.extraBlobs ?? []).map((b) => b.digest)],
      createdAt: input.now,
      lastUsedAt: input.now,
    });
    return { record, fetchedLayers: results.filter((r) => r.fetched).length };
  } finally {
    ctx.pins.delete(pinned);
  }
}
