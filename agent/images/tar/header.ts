// Tar headers: ustar (POSIX.1-1988), pax extended headers (POSIX.1-2001: long names, large
// sizes and ids, SCHILY.xattr.*) and GNU long names (L/K). Numeric fields may be octal or GNU
// base-256. Sparse files are refused (image layers do not use them).

export type EntryType = "file" | "hardlink" | "symlink" | "char" | "block" | "directory" | "fifo";

export interface TarEntry {
  /** Path as stored, without a leading "./" or "/". */
  path: string;
  type: EntryType;
  /** Permission bits including setuid/setgid/sticky (07777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Modification time in seconds since the epoch (may be fractional from pax). */
  mtime: number;
  /** Target of a symlink or hardlink. */
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from pax SCHILY.xattr.* records. */
  xattrs: Record<string, Buffer>;
}

/** A raw header block: either an entry or a meta record (pax, GNU long name) for the next entry. */
export interface RawHeader {
  typeflag: string;
  name: string;
  linkname: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  devmajor: number;
  devminor: number;
}

const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && block[end] !== 0) end++;
  return decoder.decode(block.subarray(start, end));
}

function numeric(block: Uint8Array, start: number, len: number, field: string): number {
  if (block[start]! & 0x80) {
    // GNU base-256: the rest of the first byte and the following bytes, big-endian.
    let v = block[start]! & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + block[i]!;
    return v;
  }
  const s = text(block, start, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new Error(`invalid tar header: ${field} ${JSON.stringify(s)} is not octal`);
  return parseInt(s, 8);
}

function isZero(block: Uint8Array): boolean {
  for (let i = 0; i < 512; i++) if (block[i] !== 0) return false;
  return true;
}

/** Parses one 512-byte header block; null for an all-zero block (the end of the archive). */
export function parseHeaderBlock(block: Uint8Array): RawHeader | null {
  if (block.length !== 512) throw new Error(`invalid tar header: ${block.length} bytes, expected 512`);
  if (isZero(block)) return null;
  const expected = numeric(block, 148, 8, "checksum");
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (sum !== expected) throw new Error(`invalid tar header: checksum ${expected} does not match ${sum}`);
  let name = text(block, 0, 100);
  const magic = text(block, 257, 6);
  if (magic === "ustar") {
    // POSIX ustar (not the old GNU "ustar  " format, which keeps times where the prefix would be).
    const prefix = text(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  return {
    typeflag: String.fromCharCode(block[156]!) === "\0" ? "0" : String.fromCharCode(block[156]!),
    name,
    linkname: text(block, 157, 100),
    mode: numeric(block, 100, 8, "mode") & 0o7777,
    uid: numeric(block, 108, 8, "uid"),
    gid: numeric(block, 116, 8, "gid"),
    size: numeric(block, 124, 12, "size"),
    mtime: numeric(block, 136, 12, "mtime"),
    devmajor: numeric(block, 329, 8, "devmajor"),
    devminor: numeric(block, 337, 8, "devminor"),
  };
}

/** Parses pax extended header records: "<len> <key>=<value>\n"… Values stay raw bytes (xattrs may be binary). */
export function parsePax(data: Uint8Array): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  while (pos < buf.length) {
    if (buf[pos] === 0) break;
    const space = buf.indexOf(0x20, pos);
    if (space < 0) throw new Error("invalid pax header: record without a length");
    const len = parseInt(buf.toString("latin1", pos, space), 10);
    if (!Number.isFinite(len) || len <= 0 || pos + len > buf.length) throw new Error("invalid pax header: bad record length");
    const record = buf.subarray(space + 1, pos + len - 1);
    const eq = record.indexOf(0x3d);
    if (eq < 0) throw new Error("invalid pax header: record without '='");
    out.set(record.toString("utf8", 0, eq), Buffer.from(record.subarray(eq + 1)));
    pos += len;
  }
  return out;
}

const TYPES: Record<string, EntryType> = { "0": "file", "7": "file", "1": "hardlink", "2": "symlink", "3": "char", "4": "block", "5": "directory", "6": "fifo" };

/** Strips "./" and leading "/" so every path is relative to the archive root; "" is the root itself. */
export function cleanPath(p: string): string {
  return p.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
}

/** Builds the entry from a raw header and the pax records / GNU long names that preceded it. */
export function toEntry(raw: RawHeader, pax: Map<string, Buffer>, longName?: string, longLink?: string): TarEntry {
  const type = TYPES[raw.typeflag];
  if (!type) {
    const what = raw.typeflag === "S" || pax.has("GNU.sparse.major") ? "sparse file" : `entry type ${JSON.stringify(raw.typeflag)}`;
    throw new Error(`unsupported tar ${what} for ${raw.name}`);
  }
  const p = (k: string) => pax.get(k)?.toString("utf8");
  const num = (k: string, fallback: number) => {
    const v = p(k);
    return v === undefined ? fallback : Number(v);
  };
  const xattrs: Record<string, Buffer> = {};
  for (const [k, v] of pax) if (k.startsWith("SCHILY.xattr.")) xattrs[k.slice("SCHILY.xattr.".length)] = v;
  return {
    path: cleanPath(p("path") ?? longName ?? raw.name),
    type,
    mode: raw.mode,
    uid: num("uid", raw.uid),
    gid: num("gid", raw.gid),
    size: num("size", raw.size),
    mtime: num("mtime", raw.mtime),
    linkname: p("linkpath") ?? longLink ?? raw.linkname,
    devmajor: raw.devmajor,
    devminor: raw.devminor,
    xattrs,
  };
}
