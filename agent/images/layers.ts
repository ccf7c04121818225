// Getting a layer into layers/<diffID>/ exactly once: a layer already there is reused; the same
// layer wanted by concurrent pulls is fetched once (in-flight map). The blob streams through
// its digest check, decompression (gzip, zstd or none, by magic bytes), the diffID check and the
// tar unpacker into a temp dir that is renamed into place only when every check passed.
import { rename, rm, chmod } from "node:fs/promises";
import { decompress, digestStream } from "./digest.ts";
import { DigestMismatchError } from "./errors.ts";
import type { Descriptor } from "./media.ts";
import type { ImageStore } from "./store.ts";
import { readTar } from "./tar/reader.ts";
import { unpackLayer } from "./unpack.ts";

/** Where blobs come from: a registry endpoint or a tarball. */
export interface BlobSource {
  /** For messages: the repository URL or the archive path. */
  readonly where: string;
  open(desc: Descriptor): Promise<ReadableStream<Uint8Array>>;
  /** False when desc.digest is not the digest of the stored bytes (docker save archives); the diffID is still checked. */
  verifiesDigest(desc: Descriptor): boolean;
}

export interface LayerResult {
  unpackedSize: number;
  /** False when the layer was already unpacked. */
  fetched: boolean;
}

/** Reference-counted keys (diffIDs, digests) that garbage collection must leave alone. */
export class Pins {
  private readonly counts = new Map<string, number>();
  add(keys: Iterable<string>): void {
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  delete(keys: Iterable<string>): void {
    for (const k of keys) {
      const n = (this.counts.get(k) ?? 0) - 1;
      if (n <= 0) this.counts.delete(k);
      else this.counts.set(k, n);
    }
  }
  keys(): Set<string> {
    return new Set(this.counts.keys());
  }
}

export class LayerUnpacker {
  private readonly inflight = new Map<string, Promise<LayerResult>>();

  constructor(
    private readonly store: ImageStore,
    private readonly privileged: boolean,
  ) {}

  /** Unpacks the layer `desc` (uncompressed digest `diffID`) from `source` unless it is there already. */
  ensure(source: BlobSource, desc: Descriptor, diffID: string): Promise<LayerResult> {
    if (this.store.hasLayer(diffID)) return Promise.resolve({ unpackedSize: this.knownSize(diffID), fetched: false });
    let p = this.inflight.get(diffID);
    if (!p) {
      p = this.unpack(source, desc, diffID).finally(() => this.inflight.delete(diffID));
      this.inflight.set(diffID, p);
    }
    return p;
  }

  private knownSize(diffID: string): number {
    for (const r of this.store.list()) for (const l of r.layers) if (l.diffID === diffID) return l.unpackedSize;
    return 0;
  }

  private async unpack(source: BlobSource, desc: Descriptor, diffID: string): Promise<LayerResult> {
    const what = `layer ${desc.digest} from ${source.where}`;
    const tmp = await this.store.tempDir(diffID.slice("sha256:".length, "sha256:".length + 12));
    try {
      await chmod(tmp, 0o755); // the layer root, unless the tar says otherwise
      const raw = await source.open(desc);
      const blobCheck = digestStream(what, source.verifiesDigest(desc) ? { digest: desc.digest, size: desc.size } : undefined);
      const { stream: tar } = await decompress(raw.pipeThrough(blobCheck));
      const diffCheck = digestStream(`${what} (uncompressed)`, { digest: diffID });
      const stats = await unpackLayer(tmp, readTar(tar.pipeThrough(diffCheck)), { privileged: this.privileged });
      await blobCheck.done;
      await diffCheck.done;
      try {
        await rename(tmp, this.store.layerDir(diffID));
      } catch (err) {
        // Another process (or an earlier run) put it there first: theirs is as good as ours.
        if (!this.store.hasLayer(diffID)) throw err;
        await rm(tmp, { recursive: true, force: true });
      }
      return { unpackedSize: stats.bytes, fetched: true };
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      if (err instanceof DigestMismatchError || (err instanceof Error && err.message.startsWith(what))) throw err;
      throw new Error(`${what}: ${(err as Error)?.message ?? err}`, { cause: err });
    }
  }
}
