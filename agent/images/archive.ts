// Image tarballs for air-gapped nodes, read in place (blobs are byte ranges of the file):
//   docker save format: manifest.json [{Config, RepoTags, Layers}], layers as tar files (maybe
//     symlinks inside the archive); a manifest is synthesized, layers are checked by diffID.
//   OCI archive: oci-layout + index.json + blobs/sha256/…; images are named by the annotation
//     io.containerd.image.name, else org.opencontainers.image.ref.name when that is a full
//     reference ("busybox:1.36", "registry/app:v1"; a bare tag names nothing); an index is
//     resolved to the node's platform.
import { posix } from "node:path";
import { sha256 } from "./digest.ts";
import type { BlobSource } from "./layers.ts";
import { MEDIA, parseManifestBody, type Descriptor, type ImageManifest } from "./media.ts";
import { selectManifest, type Platform } from "./platform.ts";
import { parseReference } from "./reference.ts";
import { readTar } from "./tar/reader.ts";

export interface ArchiveImage {
  names: string[];
  manifest: ImageManifest;
  manifestDigest: string;
  manifestBytes: Uint8Array;
  extraBlobs: { digest: string; bytes: Uint8Array }[];
  source: BlobSource;
}

interface Member {
  offset: number;
  size: number;
  type: string;
  linkname: string;
}

/** Every member of the archive, by cleaned path (one pass over the file, bodies skipped). */
async function indexArchive(path: string): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  for await (const { entry, offset } of readTar(Bun.file(path).stream())) {
    members.set(entry.path, { offset, size: entry.size, type: entry.type, linkname: entry.linkname });
  }
  return members;
}

class ArchiveReader {
  constructor(
    readonly path: string,
    private readonly members: Map<string, Member>,
  ) {}

  /** The member at `name`, following symlinks and hardlinks inside the archive. */
  member(name: string): Member {
    let cur = posix.normalize(name).replace(/^(\.\/|\/)+/, "");
    for (let hops = 0; hops < 16; hops++) {
      const m = this.members.get(cur);
      if (!m) break;
      if (m.type === "file") return m;
      if (m.type === "symlink") cur = posix.normalize(posix.join(posix.dirname(cur), m.linkname));
      else if (m.type === "hardlink") cur = posix.normalize(m.linkname).replace(/^(\.\/|\/)+/, "");
      else break;
    }
    throw new Error(`${this.path}: no file ${JSON.stringify(name)} in the archive`);
  }

  has(name: string): boolean {
    return this.members.has(name);
  }

  stream(name: string): ReadableStream<Uint8Array> {
    const m = this.member(name);
    return Bun.file(this.path).slice(m.offset, m.offset + m.size).stream();
  }

  async bytes(name: string): Promise<Uint8Array> {
    const m = this.member(name);
    return new Uint8Array(await Bun.file(this.path).slice(m.offset, m.offset + m.size).arrayBuffer());
  }

  async json<T>(name: string): Promise<T> {
    try {
      return JSON.parse(new TextDecoder().decode(await this.bytes(name))) as T;
    } catch (err) {
      throw new Error(`${this.path}: ${name} is not valid JSON: ${(err as Error).message}`);
    }
  }
}

function imageName(ref: string | undefined): string[] {
  if (!ref || !/[:/@]/.test(ref)) return [];
  try {
    const r = parseReference(ref);
    return [r.digest ? `${r.name}@${r.digest}` : `${r.name}:${r.tag}`];
  } catch {
    return [];
  }
}

async function readOci(a: ArchiveReader, platform: Platform): Promise<ArchiveImage[]> {
  const blob = (digest: string) => `blobs/${digest.replace(":", "/")}`;
  const source: BlobSource = { where: a.path, open: async (d) => a.stream(blob(d.digest)), verifiesDigest: () => true };
  const index = await a.json<{ manifests?: Descriptor[] }>("index.json");
  const out: ArchiveImage[] = [];
  for (const top of index.manifests ?? []) {
    const names = imageName(top.annotations?.["io.containerd.image.name"] ?? top.annotations?.["org.opencontainers.image.ref.name"]);
    let desc = top;
    const extraBlobs: { digest: string; bytes: Uint8Array }[] = [];
    for (let depth = 0; depth < 4; depth++) {
      const bytes = await a.bytes(blob(desc.digest));
      if (sha256(bytes) !== desc.digest) throw new Error(`${a.path}: ${blob(desc.digest)} does not match its digest`);
      const parsed = parseManifestBody(new TextDecoder().decode(bytes), `${a.path}: ${desc.digest}`);
      if (parsed.manifest) {
        out.push({ names, manifest: parsed.manifest, manifestDigest: desc.digest, manifestBytes: bytes, extraBlobs, source });
        break;
      }
      const chosen = selectManifest(parsed.index!.manifests, platform);
      if (!chosen) break; // nothing for this node's platform
      extraBlobs.push({ digest: desc.digest, bytes });
      desc = chosen;
    }
  }
  return out;
}

async function readDockerSave(a: ArchiveReader): Promise<ArchiveImage[]> {
  const entries = await a.json<{ Config: string; RepoTags?: string[] | null; Layers: string[] }[]>("manifest.json");
  const out: ArchiveImage[] = [];
  for (const e of entries) {
    const configBytes = await a.bytes(e.Config);
    const config = JSON.parse(new TextDecoder().decode(configBytes)) as { rootfs?: { diff_ids?: string[] } };
    const diffIDs = config.rootfs?.diff_ids ?? [];
    if (diffIDs.length !== e.Layers.length) throw new Error(`${a.path}: ${e.Config} lists ${diffIDs.length} diff_ids for ${e.Layers.length} layers`);
    const paths = new Map<string, string>();
    const configDigest = sha256(configBytes);
    paths.set(configDigest, e.Config);
    const layers = e.Layers.map((p, i) => {
      paths.set(diffIDs[i]!, p);
      return { mediaType: MEDIA.dockerLayer, digest: diffIDs[i]!, size: a.member(p).size };
    });
    const manifest: ImageManifest = { schemaVersion: 2, mediaType: MEDIA.dockerManifest, config: { mediaType: MEDIA.dockerConfig, digest: configDigest, size: configBytes.length }, layers };
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
    const source: BlobSource = {
      where: a.path,
      open: async (d) => a.stream(paths.get(d.digest) ?? `(unknown blob ${d.digest})`),
      // A layer may be stored compressed; its digest here is the diffID, which is checked anyway.
      verifiesDigest: (d) => d.digest === configDigest,
    };
    out.push({ names: (e.RepoTags ?? []).flatMap((t) => imageName(t.includes("/") || t.includes(":") ? t : `${t}:latest`)), manifest, manifestDigest: sha256(manifestBytes), manifestBytes, extraBlobs: [], source });
  }
  return out;
}

/** The images in a docker-save or OCI archive (an uncompressed tar file). */
export async function readArchive(path: string, platform: Platform): Promise<ArchiveImage[]> {
  const a = new ArchiveReader(path, await indexArchive(path));
  if (a.has("index.json") && a.has("oci-layout")) return readOci(a, platform);
  if (a.has("manifest.json")) return readDockerSave(a);
  throw new Error(`${path} is neither a docker save archive (manifest.json) nor an OCI archive (oci-layout, index.json)`);
}

export const ARCHIVE_SUFFIXES = [".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd"];

export function isArchiveName(name: string): boolean {
  return !name.startsWith(".") && ARCHIVE_SUFFIXES.some((s) => name.endsWith(s));
}
